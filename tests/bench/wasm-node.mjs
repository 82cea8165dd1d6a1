// The wasm workloads in Node: prints {"host":"node","results":{…}} (see timing.mjs).
//   node wasm-node.mjs INPUTS.json [ROUNDS] [MS] [BUILD]
// BUILD: ramp-bench-wasm (as shipped, size-optimised; the default) or
// ramp-bench-wasm-o3 (speed-optimised), under target/.
import { readFileSync } from 'node:fs';
import { wasmResults } from './timing.mjs';

const target = new URL('../../target/', import.meta.url);
const build = process.argv[5] ?? 'ramp-bench-wasm';
const bench = await import(new URL(`${build}/ramp_bench.js`, target));
bench.initSync({ module: readFileSync(new URL(`${build}/ramp_bench_bg.wasm`, target)) });
const ramp = await import(new URL('ramp-js/ramp.js', target));
ramp.initSync({ module: readFileSync(new URL('ramp-js/ramp_bg.wasm', target)) });
const inputs = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const opts = { rounds: Number(process.argv[3] ?? 7), ms: Number(process.argv[4] ?? 200) };
console.log(JSON.stringify({ host: 'node', results: await wasmResults(bench, ramp, inputs, opts) }));
