// ramp-js in Node: initSync with the wasm bytes, then every check.
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import { checks } from './checks.mjs';

const pkg = new URL('../../target/ramp-js/', import.meta.url);
const ramp = await import(new URL('ramp.js', pkg));
ramp.initSync({ module: readFileSync(new URL('ramp_bg.wasm', pkg)) });
const shared = new URL('../../vectors/official/', import.meta.url);
const vectors = ['rpc-v1-hmac-sha1.json', 'acs3-hmac-sha256.json'].map((f) => readFileSync(new URL(f, shared), 'utf8'));

for (const [name, run] of Object.entries(checks(ramp, vectors))) test(`node: ${name}`, run);
