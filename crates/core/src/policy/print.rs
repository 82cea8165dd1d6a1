//! The canonical printer: a stable layout (two-space indent, keys in the
//! language's order, one list item per line, short lists of one item inline),
//! so formatted documents never diff for layout alone. Printing keeps what the
//! author chose (string vs list); `print(parse(print(p))) == print(p)`.

use super::json::quote_into;
use super::model::*;

fn values(v: &Values, indent: usize, out: &mut String) {
    if !v.as_list {
        if let Some(item) = v.items.first() {
            quote_into(out, &item.value);
            return;
        }
    }
    match v.items.as_slice() {
        [] => out.push_str("[]"),
        [one] => {
            out.push('[');
            quote_into(out, &one.value);
            out.push(']');
        }
        items => {
            out.push_str("[\n");
            for (i, item) in items.iter().enumerate() {
                pad(indent + 1, out);
                quote_into(out, &item.value);
                out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
            }
            pad(indent, out);
            out.push(']');
        }
    }
}

fn pad(level: usize, out: &mut String) {
    for _ in 0..level {
        out.push_str("  ");
    }
}

/// Writes `"key": ` + value lines of an object, with commas between.
struct ObjectWriter<'o> {
    out: &'o mut String,
    indent: usize,
    first: bool,
}

impl<'o> ObjectWriter<'o> {
    fn open(out: &'o mut String, indent: usize) -> Self {
        out.push_str("{\n");
        ObjectWriter {
            out,
            indent,
            first: true,
        }
    }

    fn key(&mut self, key: &str) -> &mut String {
        if !self.first {
            self.out.push_str(",\n");
        }
        self.first = false;
        pad(self.indent + 1, self.out);
        quote_into(self.out, key);
        self.out.push_str(": ");
        self.out
    }

    fn close(self) {
        if !self.first {
            self.out.push('\n');
        }
        pad(self.indent, self.out);
        self.out.push('}');
    }
}

fn statement(s: &Statement, indent: usize, out: &mut String) {
    let mut w = ObjectWriter::open(out, indent);
    if let Some(sid) = &s.sid {
        quote_into(w.key("Sid"), &sid.value);
    }
    if let Some(e) = &s.effect {
        quote_into(w.key("Effect"), &e.value);
    }
    if let Some(p) = &s.principal {
        let o = w.key("Principal");
        if p.wildcard {
            o.push_str("\"*\"");
        } else {
            let mut pw = ObjectWriter::open(o, indent + 1);
            for e in &p.entries {
                values(&e.values, indent + 2, pw.key(&e.kind.value));
            }
            pw.close();
        }
    }
    for (name, v) in [
        ("Action", &s.action),
        ("NotAction", &s.not_action),
        ("Resource", &s.resource),
        ("NotResource", &s.not_resource),
    ] {
        if let Some(v) = v {
            values(v, indent + 1, w.key(name));
        }
    }
    if let Some(c) = &s.condition {
        let mut cw = ObjectWriter::open(w.key("Condition"), indent + 1);
        for block in &c.blocks {
            let mut bw = ObjectWriter::open(cw.key(&block.operator.value), indent + 2);
            for k in &block.keys {
                values(&k.values, indent + 3, bw.key(&k.key.value));
            }
            bw.close();
        }
        cw.close();
    }
    w.close();
}

/// The canonical text of `policy`, ending with a newline.
pub fn print(policy: &Policy) -> String {
    let mut out = String::with_capacity(1024);
    let mut w = ObjectWriter::open(&mut out, 0);
    if let Some(v) = &policy.version {
        quote_into(w.key("Version"), &v.value);
    }
    let o = w.key("Statement");
    if policy.statement_as_list {
        if policy.statements.is_empty() {
            o.push_str("[]");
        } else {
            o.push_str("[\n");
            for (i, s) in policy.statements.iter().enumerate() {
                pad(2, o);
                statement(s, 2, o);
                o.push_str(if i + 1 < policy.statements.len() {
                    ",\n"
                } else {
                    "\n"
                });
            }
            pad(1, o);
            o.push(']');
        }
    } else if let Some(s) = policy.statements.first() {
        statement(s, 1, o);
    }
    w.close();
    out.push('\n');
    out
}

/// The same document on one line (for API parameters such as `PolicyDocument`
/// and for exports that embed it): the canonical text without layout whitespace.
pub fn compact(policy: &Policy) -> String {
    let text = print(policy);
    let mut out = String::with_capacity(text.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in text.chars() {
        if in_string {
            out.push(c);
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if !c.is_whitespace() {
            out.push(c);
        }
    }
    out
}
