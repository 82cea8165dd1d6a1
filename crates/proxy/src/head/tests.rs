use super::*;

fn scan(limits: HeadLimits, chunks: &[&[u8]]) -> Result<(), Violation> {
    let mut s = Scanner::new(limits);
    for c in chunks {
        s.feed(c).map_err(|b| b.violation)?;
    }
    Ok(())
}

fn whole(text: &str) -> Result<(), Violation> {
    // Fed whole and byte by byte: the answer must not depend on how reads split.
    let one = scan(HeadLimits::default(), &[text.as_bytes()]);
    let bytes: Vec<&[u8]> = text.as_bytes().chunks(1).collect();
    assert_eq!(one, scan(HeadLimits::default(), &bytes), "{text:?}");
    one
}

#[test]
fn one_content_length_passes_and_two_are_refused_even_when_equal() {
    assert_eq!(
        whole("POST /relay/ram HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc"),
        Ok(())
    );
    for twice in [
        "POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc",
        "POST / HTTP/1.1\r\ncontent-length: 3\r\nHost: a\r\nCONTENT-LENGTH: 3\r\n\r\nabc",
        "POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabc",
    ] {
        assert_eq!(whole(twice), Err(Violation::TwoContentLengths), "{twice}");
    }
    // A look-alike name is not Content-Length.
    assert_eq!(
            whole("POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Lengths: 3\r\nX-Content-Length: 3\r\n\r\nabc"),
            Ok(())
        );
}

#[test]
fn every_request_of_a_kept_alive_connection_is_checked() {
    // The body ("Content-Length: 9\r\n" as data) is skipped, not read as a header.
    let first = "POST / HTTP/1.1\r\nContent-Length: 19\r\n\r\nContent-Length: 9\r\n";
    assert_eq!(whole(first), Ok(()));
    let second = "GET / HTTP/1.1\r\nContent-Length: 0\r\nContent-Length: 0\r\n\r\n";
    assert_eq!(
        whole(&format!("{first}{second}")),
        Err(Violation::TwoContentLengths)
    );
    // After a chunked body (with an extension and a trailer) too.
    let chunked = "POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n4;x=y\r\nab\r\n\r\n0\r\nT: 1\r\n\r\n";
    assert_eq!(whole(chunked), Ok(()));
    assert_eq!(
        whole(&format!("{chunked}{second}")),
        Err(Violation::TwoContentLengths)
    );
}

#[test]
fn a_refusal_says_where_the_offending_request_began() {
    let mut s = Scanner::new(HeadLimits::default());
    let first = "GET / HTTP/1.1\r\n\r\n";
    let both =
        format!("{first}\r\nGET / HTTP/1.1\r\nContent-Length: 0\r\nContent-Length: 0\r\n\r\n");
    let broken = s.feed(both.as_bytes()).unwrap_err();
    assert_eq!(broken.began, Some(first.len() + 2));
    // Fed again from there (held back), it began at 0.
    s.restart();
    assert_eq!(
        s.feed(&both.as_bytes()[first.len() + 2..])
            .unwrap_err()
            .began,
        Some(0)
    );
    // Began in an earlier read: not in these bytes.
    let mut s = Scanner::new(HeadLimits::default());
    s.feed(b"GET / HTTP/1.1\r\nContent-Length: 0\r\n").unwrap();
    assert_eq!(s.feed(b"Content-Length: 0\r\n").unwrap_err().began, None);
}

#[test]
fn long_request_lines_and_large_header_sections_are_refused() {
    let limits = HeadLimits {
        request_line: 32,
        headers: 64,
        fields: 3,
    };
    let line = |n: usize| format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(n));
    assert_eq!(scan(limits, &[line(16).as_bytes()]), Ok(()));
    assert_eq!(
        scan(limits, &[line(40).as_bytes()]),
        Err(Violation::LineTooLong)
    );
    let fields = |n: usize| format!("GET / HTTP/1.1\r\n{}\r\n", "A: b\r\n".repeat(n));
    assert_eq!(scan(limits, &[fields(3).as_bytes()]), Ok(()));
    assert_eq!(
        scan(limits, &[fields(4).as_bytes()]),
        Err(Violation::HeadersTooLarge)
    );
    let big = format!("GET / HTTP/1.1\r\nA: {}\r\n\r\n", "b".repeat(80));
    assert_eq!(
        scan(limits, &[big.as_bytes()]),
        Err(Violation::HeadersTooLarge)
    );
    // The defaults take an SDK's GET with a full policy document in the query.
    let policy = format!(
        "GET /?PolicyDocument={} HTTP/1.1\r\nHost: a\r\n\r\n",
        "%7B".repeat(6144)
    );
    assert_eq!(whole(&policy), Ok(()));
}

#[test]
fn answers_are_in_alibabas_shape() {
    let limits = HeadLimits::default();
    for (v, status) in [
        (Violation::LineTooLong, "414"),
        (Violation::HeadersTooLarge, "431"),
        (Violation::TwoContentLengths, "400"),
    ] {
        let text = String::from_utf8(v.answer(&limits)).unwrap();
        assert!(text.starts_with(&format!("HTTP/1.1 {status} ")), "{text}");
        let body: serde_json::Value =
            serde_json::from_str(text.split("\r\n\r\n").nth(1).unwrap()).unwrap();
        assert!(body["Code"].as_str().unwrap().starts_with("InvalidRequest"));
        assert!(body["RequestId"].as_str().unwrap().len() == 36);
        assert!(text.contains("connection: close"));
    }
}
