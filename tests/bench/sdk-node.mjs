// The official Alibaba Cloud Node SDKs signing the same CreateUser as Ramp
// (the inputs `ramp-bench inputs` prints: the same query, headers, time, nonce
// and key), timed like every other runner (timing.mjs). Prints
// {"host":"node-sdk","versions":{…},"results":{…}}.
//   node sdk-node.mjs INPUTS.json [ROUNDS] [MS]
//
// - openapi-core: the signer of the current RAM and STS clients
//   (@alicloud/ram20150501, @alicloud/sts20150401): the query/headers merge the
//   client does, then getRPCSignature (V1) or hash + getAuthorization (V3).
// - openapi-util: the same for @alicloud/openapi-client, the previous generation.
// - pop-core: the legacy RPCClient's whole request() up to the network (its
//   signer is not exported), with the transport replaced by one that records
//   the URL; its own clock and nonce, so its signature is checked with Ramp's
//   verifier instead of compared.
// - node:crypto HMAC over the same string to sign: the floor in Node.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createHmac } from 'node:crypto';
import { measure } from './timing.mjs';

const require = createRequire(import.meta.url);
const inputs = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const opts = { rounds: Number(process.argv[3] ?? 7), ms: Number(process.argv[4] ?? 200) };
const version = (p) => require(`${p}/package.json`).version;
const { accessKeyId, accessKeySecret, V1, V3 } = inputs;
const signatureOf = (authorization) => authorization.match(/Signature=([0-9a-f]+)/)[1];

// The V1 and V3 signers of one generation: openapi-core and openapi-util
// share the API except for how the payload hash becomes hex.
function signers(Util) {
  const hex = Util.hexEncode ? (b) => Util.hexEncode(b) : (b) => b.toString('hex');
  return {
    V1: (n) => {
      let last;
      for (let i = 0; i < n; i++) {
        const query = Object.assign({}, V1.query);
        last = Util.getRPCSignature(query, V1.method, accessKeySecret);
      }
      return last;
    },
    V3: (n) => {
      let last;
      for (let i = 0; i < n; i++) {
        const headers = Object.assign({}, V3.headers);
        const payload = hex(Util.hash(Buffer.from(''), 'ACS3-HMAC-SHA256'));
        headers['x-acs-content-sha256'] = payload;
        const request = { method: V3.method, pathname: V3.path, headers, query: Object.assign({}, V3.query) };
        last = signatureOf(Util.getAuthorization(request, 'ACS3-HMAC-SHA256', payload, accessKeyId, accessKeySecret));
      }
      return last;
    },
  };
}

const results = {};
for (const [name, Util] of [
  ['openapi-core', require('@alicloud/openapi-core/dist/utils').default],
  ['openapi-util', require('@alicloud/openapi-util').default],
]) {
  const s = signers(Util);
  for (const scheme of ['V1', 'V3']) results[`${name}-${scheme}`] = await measure(s[scheme], opts);
}

// pop-core: request() with the transport recording the URL.
const httpx = require('httpx');
let sentUrl;
const stop = new Error('not sent');
httpx.request = async (url) => { sentUrl = url; throw stop; };
const RPCClient = require('@alicloud/pop-core').RPCClient;
const client = new RPCClient({ endpoint: 'http://127.0.0.1:9', apiVersion: '2015-05-01', accessKeyId, accessKeySecret });
const params = Object.fromEntries(['UserName', 'DisplayName', 'Email', 'MobilePhone', 'Comments'].map((k) => [k, V1.query[k]]));
results['pop-core-V1'] = await measure(async (n) => {
  for (let i = 0; i < n; i++) {
    try { await client.request('CreateUser', params, { method: 'GET', formatParams: false }); } catch (e) { if (e !== stop) throw e; }
  }
  return new URL(sentUrl).searchParams.get('Signature');
}, opts);

// The floor: node:crypto's HMAC over Ramp's string to sign.
results['crypto-hmac-V1'] = await measure((n) => {
  let last;
  for (let i = 0; i < n; i++) last = createHmac('sha1', `${accessKeySecret}&`).update(V1.stringToSign).digest('base64');
  return last;
}, opts);
results['crypto-hmac-V3'] = await measure((n) => {
  let last;
  for (let i = 0; i < n; i++) last = createHmac('sha256', accessKeySecret).update(V3.stringToSign).digest('hex');
  return last;
}, opts);

const versions = Object.fromEntries(['@alicloud/openapi-core', '@alicloud/openapi-util', '@alicloud/pop-core'].map((p) => [p, version(p)]));
console.log(JSON.stringify({ host: 'node-sdk', versions, popCoreUrl: sentUrl, results }));
