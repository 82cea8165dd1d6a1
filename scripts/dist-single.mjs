// `make dist-single`: the whole app — the shell's wasm, glue and styles, and
// the pages module (the flows, the studio and the engine) —
// in one self-contained HTML file (dist-single/ramp.html) that runs from
// file://, e.g. the policy studio on an air-gapped laptop. Reads Trunk's dist/.
//   node scripts/dist-single.mjs [DIST] [OUT]
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

const dist = process.argv[2] ?? 'dist';
const out = process.argv[3] ?? 'dist-single/ramp.html';
const read = (f) => readFileSync(path.join(dist, f));
const index = read('index.html').toString();
const pick = (re, what) => {
  const m = index.match(re);
  if (!m) throw new Error(`dist-single: no ${what} in ${dist}/index.html (build the app first)`);
  return m[1].replace(/^\//, '');
};
const glueFile = pick(/import init, \* as bindings from '([^']+)'/, 'glue');
const wasmFile = pick(/module_or_path: '([^']+)'/, 'wasm');
const cssFile = pick(/<link rel="stylesheet" href="([^"]+)"/, 'stylesheet');

// A glue imports its wasm-bindgen snippets by path: put them in front, without `export`.
const withSnippets = (glueFile) => {
  const dir = path.dirname(glueFile);
  const glue = read(glueFile).toString().replace(/^import \{([^}]+)\} from '\.\/(snippets\/[^']+)';\n/gm, (_, names, file) =>
    read(path.join(dir, file)).toString().replace(/^export /gm, '') + '\n');
  if (/^import /m.test(glue)) throw new Error(`dist-single: ${glueFile} has an import this script does not inline`);
  return glue;
};
const glue = withSnippets(glueFile).replace(/^export \{[^}]*\};?\s*$/m, '');

const base64 = (buf) => Buffer.from(buf).toString('base64');
// The pages module, with the engine (web/src/modules.rs imports it from a blob: its snippets go inline too).
const flows = { js: withSnippets('flows/ramp-flows.js'), wasm: base64(read('flows/ramp-flows_bg.wasm')) };
// `</script` cannot appear inside an inline script.
const safe = (js) => js.replace(/<\/script/gi, '<\\/script');

const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<meta name="description" content="Ramp (single file): the policy studio and the plans, offline" />
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline' 'wasm-unsafe-eval' blob:; style-src 'unsafe-inline'; img-src data: blob:; connect-src 'none'; worker-src 'none'; base-uri 'none'; form-action 'none'" />
<title>Ramp</title>
<style>${read(cssFile).toString()}</style>
<script>globalThis.RAMP_FLOWS_INLINE = ${safe(JSON.stringify(flows))};</script>
<script type="module">
${safe(glue)}
const bytes = Uint8Array.from(atob(${JSON.stringify(base64(read(wasmFile)))}), (c) => c.charCodeAt(0));
await __wbg_init({ module_or_path: bytes });
</script>
</head>
<body>
<noscript>Ramp needs JavaScript and WebAssembly. / Ramp 需要启用 JavaScript 和 WebAssembly。</noscript>
</body>
</html>
`;
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, html);
console.log(`dist-single: ${out} (${html.length.toLocaleString('en')} bytes; open it with file://…/ramp.html#/studio)`);
