// How every JavaScript runner of `make bench` times a workload — the same way
// the native runner (crates/bench/src/main.rs) and the Python one
// (sdk_python.py) do: calibrate `n` so one call takes about `ms`, then
// `rounds` rounds; operations per second of each round. Works in Node and in
// the browser (performance.now()).
//   fn(n) runs the workload n times and returns what the last run produced.
export async function measure(fn, { rounds = 7, ms = 200 } = {}) {
  let n = 1;
  for (;;) {
    const t = performance.now();
    await fn(n);
    const took = performance.now() - t;
    if (took >= ms / 4 || n >= 2 ** 30) {
      n = Math.max(1, Math.round((n * ms) / Math.max(took, 0.001)));
      break;
    }
    n *= 4;
  }
  const perSecond = [];
  let output = '';
  for (let r = 0; r < rounds; r++) {
    const t = performance.now();
    output = String(await fn(n));
    perSecond.push(n / ((performance.now() - t) / 1000));
  }
  return { perSecond, output };
}

// The wasm workloads (crates/bench in wasm: the loop inside wasm) and ramp-js's
// sign() called from JavaScript (a signed request per call, as a JS user gets it).
export async function wasmResults(bench, ramp, inputs, opts) {
  const results = {};
  for (const name of bench.workloads()) results[name] = await measure((n) => bench.run(name, n), opts);
  for (const scheme of ['V1', 'V3']) {
    const input = {
      scheme, method: inputs[scheme].method, host: 'ram.aliyuncs.com', action: 'CreateUser', version: '2015-05-01',
      // V3's query holds just the operation's own parameters.
      params: { ...inputs.V3.query },
      accessKeyId: inputs.accessKeyId, accessKeySecret: inputs.accessKeySecret,
      timestamp: inputs.V3.headers['x-acs-date'], nonce: inputs.V3.headers['x-acs-signature-nonce'],
    };
    results[`js-sign-${scheme}`] = await measure((n) => {
      let last;
      for (let i = 0; i < n; i++) last = ramp.sign(input).signature;
      return last;
    }, opts);
  }
  return results;
}
