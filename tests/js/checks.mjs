// ramp-js's checks, shared by the Node and the Chromium tests: each exported
// function with inputs whose right answers come from outside the code under
// test (the shared signature vectors, the Alibaba Cloud documentation example,
// the sandbox's demo facts), and its errors.
export function checks(ramp, vectors) {
  const eq = (a, b, what) => {
    if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`${what}: ${JSON.stringify(a)} !== ${JSON.stringify(b)}`);
  };
  const ok = (cond, what) => { if (!cond) throw new Error(what); };
  const throws = (f, code, what) => {
    try { f(); } catch (e) {
      if (!(e instanceof Error)) throw new Error(`${what}: threw a non-Error ${e}`);
      eq(e.code, code, `${what} code`);
      return e;
    }
    throw new Error(`${what}: did not throw`);
  };
  return {
    'checkVectors: every shared signature vector (V1 and V3) matches'() {
      ok(vectors.length === 2, 'two vector files');
      for (const v of vectors) eq(ramp.checkVectors(v), [], 'mismatches');
      // A damaged vector is reported, so the check can fail.
      const bad = JSON.parse(vectors[0]);
      bad[0].signature = 'AAAA';
      const m = ramp.checkVectors(JSON.stringify(bad));
      ok(m.length === 1 && m[0].field === 'signature' && m[0].actual !== 'AAAA', JSON.stringify(m));
      throws(() => ramp.checkVectors('{'), 'InvalidParameter', 'unreadable file');
    },
    'sign: the documentation example (V1) and a V3 vector'() {
      const v1 = ramp.sign({
        scheme: 'V1', method: 'GET', host: 'ecs.aliyuncs.com', action: 'DescribeRegions', version: '2014-05-26',
        params: { Format: 'XML' }, accessKeyId: 'testid', accessKeySecret: 'testsecret',
        timestamp: '2016-02-23T12:46:24Z', nonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
      });
      eq(v1.signature, 'OLeaidS1JvxuMvnyHOwuJ+uX5qY=', 'V1 signature');
      ok(v1.url.startsWith('https://ecs.aliyuncs.com/?') && v1.url.includes('Signature=OLeaidS1JvxuMvnyHOwuJ%2BuX5qY%3D'), v1.url);
      const vector = JSON.parse(vectors.find((t) => t.includes('x-acs-date')))[0];
      const v3 = ramp.sign({
        scheme: 'V3', method: vector.method, host: vector.headers.host, action: vector.headers['x-acs-action'],
        version: vector.headers['x-acs-version'], params: vector.query, accessKeyId: vector.access_key_id,
        accessKeySecret: vector.access_key_secret, timestamp: vector.headers['x-acs-date'],
        nonce: vector.headers['x-acs-signature-nonce'],
      });
      eq(v3.stringToSign, vector.string_to_sign, 'V3 string to sign');
      eq(v3.signature, vector.signature, 'V3 signature');
      eq(v3.headers.authorization, vector.authorization, 'V3 Authorization');
      throws(() => ramp.sign({ ...{ scheme: 'V2' }, host: 'h', action: 'A', version: 'v', accessKeyId: 'a', accessKeySecret: 's', timestamp: '2016-02-23T12:46:24Z', nonce: 'n' }), 'InvalidParameter', 'unknown scheme');
      throws(() => ramp.sign({ host: 'h', action: 'A', version: 'v', accessKeyId: 'a', accessKeySecret: 's', timestamp: 'yesterday', nonce: 'n' }), 'InvalidParameter', 'bad timestamp');
      // Input errors name the field (the object crosses as JSON, read by serde_json).
      const base = { host: 'h', action: 'A', version: '2015-05-01', accessKeyId: 'a', accessKeySecret: 's', timestamp: '2016-02-23T12:46:24Z', nonce: 'n' };
      ok(/unknown field `hots`/.test(throws(() => ramp.sign({ ...base, hots: 'x' }), 'InvalidParameter', 'misspelt field').message), 'names the misspelt field');
      ok(/missing field `host`/.test(throws(() => ramp.sign({ ...base, host: undefined }), 'InvalidParameter', 'missing field').message), 'names the missing field');
      ok(!/line \d+ column/.test(throws(() => ramp.sign({ ...base, params: { Age: 5 } }), 'InvalidParameter', 'number parameter').message), 'no text position');
      throws(() => ramp.sign({ ...base, nonce: 5n }), 'InvalidParameter', 'BigInt');
    },
    'verify: what sign produced verifies; a changed parameter does not'() {
      const s = ramp.sign({
        host: 'ram.aliyuncs.com', action: 'CreateUser', version: '2015-05-01', params: { UserName: 'alice' },
        accessKeyId: 'LTAI5tRampTest', accessKeySecret: 'secret-1', timestamp: '2026-11-22T10:00:00Z', nonce: 'n-1',
      });
      const url = new URL(s.url);
      const received = { method: s.method, path: url.pathname, query: url.search.slice(1), headers: { ...s.headers, host: url.host }, body: s.body };
      eq(ramp.verify(received, 'secret-1'), { scheme: 'V3', accessKeyId: 'LTAI5tRampTest', securityToken: false }, 'verified');
      throws(() => ramp.verify(received, 'secret-2'), 'SignatureDoesNotMatch', 'wrong secret');
      throws(() => ramp.verify({ ...received, query: received.query.replace('alice', 'mallory') }, 'secret-1'), 'SignatureDoesNotMatch', 'tampered');
    },
    'lint: findings with positions in both languages'() {
      const text = '{\n  "Version": "1",\n  "Statement": [{"Effect": "Permit", "Action": "arms:GetTraceApp", "Resource": "*"}]\n}';
      const en = ramp.lint(text, { lang: 'en' });
      const zh = ramp.lint(text, { lang: 'zh' });
      const error = en.find((f) => f.tier === 'error');
      ok(error && error.line === 3 && error.path.includes('Effect'), JSON.stringify(en));
      eq(zh.map((f) => f.code), en.map((f) => f.code), 'same findings');
      const zhError = zh.find((f) => f.tier === 'error');
      ok(/[\u4e00-\u9fff]/.test(zhError.message) && zhError.message !== error.message, zhError.message);
      eq(ramp.lint(ramp.permissionPolicy('arms-read-only'), undefined).filter((f) => f.tier === 'error'), [], 'system policy has no error');
      ok(/expected one of `auto`, `trust`, `permission`/.test(throws(() => ramp.lint(text, { kind: 'odd' }), 'InvalidParameter', 'bad kind').message), 'names the kinds');
    },
    'trustPolicy, simulate and summarize: a cross-account role with an ExternalId'() {
      const trust = ramp.trustPolicy({ trustees: [{ type: 'account', accountId: '1680000000000002' }], externalId: 'ramp-42' });
      const doc = JSON.parse(trust);
      eq(doc.Statement[0].Principal.RAM, ['acs:ram::1680000000000002:root'], 'principal');
      eq(doc.Statement[0].Condition.StringEquals['sts:ExternalId'], 'ramp-42', 'external id');
      const ask = { caller: 'user:1680000000000002/bob', action: 'sts:AssumeRole', resource: 'acs:ram::1680000000000001:role/arms-viewer' };
      eq(ramp.simulate(trust, ask).decision, 'Unknown', 'without the ExternalId');
      eq(ramp.simulate(trust, ask).missing, ['sts:ExternalId'], 'names the missing key');
      // A request that simply carries no ExternalId is denied, as the service does.
      eq(ramp.simulate(trust, ask).ifAbsent, 'ImplicitDeny', 'if the request carries none');
      ok(ramp.simulate(trust, ask).assumed.some((a) => a.includes('AliyunSTSAssumeRoleAccess')), 'says what the caller is assumed to hold');
      ok(/root accounts/.test(ramp.simulate(trust, { ...ask, caller: 'root:1680000000000002' }).reason), 'a root caller gets the reason');
      ok(ramp.simulate(trust, { ...ask, lang: 'zh', caller: 'root:1680000000000002' }).reason.includes('根账号'), 'the reason in Chinese');
      eq(ramp.simulate(trust, { ...ask, context: { 'sts:ExternalId': 'ramp-42' } }).decision, 'Allow', 'with it');
      eq(ramp.simulate(trust, { ...ask, context: { 'sts:ExternalId': 'other' } }).decision, 'ImplicitDeny', 'wrong id');
      eq(ramp.simulate(trust, { ...ask, caller: 'user:1680000000000003/eve', context: { 'sts:ExternalId': 'ramp-42' } }).decision, 'ImplicitDeny', 'other account');
      ok(/^Account 1680000000000002, with any of its users or roles that are allowed to, may assume this role only when sts:ExternalId is ramp-42\.$/.test(ramp.summarize(trust, 'en')[0]), ramp.summarize(trust, 'en')[0]);
      ok(ramp.summarize(trust, 'zh')[0].startsWith('账号 1680000000000002'), ramp.summarize(trust, 'zh')[0]);
      throws(() => ramp.trustPolicy({ trustees: [{ type: 'account', accountId: 'abc' }] }), 'InvalidParameter', 'bad account');
      throws(() => ramp.simulate(trust, { ...ask, caller: 'bob' }), 'InvalidParameter', 'bad caller');
    },
    'audit, whoCan and drift: a portal audits a saved account snapshot'() {
      // `ramp audit --save`'s shape: one user in one group that has ARMS read-only.
      const account = {
        id: '1680000000000001', users: { bob: { created: '2026-01-01T00:00:00Z' } }, groups: { readers: { members: ['bob'] } },
        attachments: [{ policy: 'AliyunARMSReadOnlyAccess', 'policy-type': 'System', principal: { type: 'group', name: 'readers' } }],
      };
      const audited = ramp.audit(account, '2026-12-03T00:00:00Z');
      const bob = audited.model.principals.find((p) => p.principal.name === 'bob');
      eq(bob.arms, 'read-only', 'bob reads through his group');
      eq(bob.scopes[0].paths[0].via, 'readers', 'the path names the group');
      ok(audited.findings.some((f) => f.code === 'A006'), 'bob never signed in');
      ok(audited.csv.startsWith('type,name,arn,arms,scope,level,paths,denied_by\n'), audited.csv);
      eq(JSON.parse(audited.json).account, '1680000000000001', 'the JSON report');
      eq(ramp.whoCan(account, 'arms:GetTraceApp', '*').map((a) => a.principal.name), ['bob'], 'who can read');
      const plan = ramp.plan({ flow: 'team-group', account: { id: '1680000000000001', alias: 'ramp-demo-a' }, group: 'readers', arms: 'full', members: ['bob'] });
      const d = ramp.drift(plan, account);
      ok(d.planned.some((p) => p.what === 'group readers' && p.state === 'already-there'), JSON.stringify(d));
      ok(d.planned.some((p) => /AliyunARMSFullAccess/.test(p.what) && p.state === 'missing'), JSON.stringify(d));
      throws(() => ramp.audit({ id: 1 }, '2026-12-03T00:00:00Z'), 'InvalidParameter', 'a snapshot that is not one');
    },
    'Survey, audit and whoCan: a portal reads an account and audits it'() {
      // A tiny account answered by script: one user in one group that has ARMS
      // read-only; the first ListUsers is throttled, as a relay or the service would.
      const answers = {
        GetCallerIdentity: { AccountId: '1680000000000001', Arn: 'acs:ram::1680000000000001:user/admin' },
        GetDefaultDomain: { DefaultDomainName: 'ramp-demo-a.onaliyun.com' },
        ListUsers: { IsTruncated: false, Users: { User: [{ UserName: 'bob', UserId: '2' }] } },
        ListGroups: { IsTruncated: false, Groups: { Group: [{ GroupName: 'readers' }] } },
        ListUsersForGroup: { IsTruncated: false, Users: { User: [{ UserName: 'bob' }] } },
        ListPolicyAttachments: { PageNumber: 1, PageSize: 100, TotalCount: 1, PolicyAttachments: { PolicyAttachment: [
          { PolicyName: 'AliyunARMSReadOnlyAccess', PolicyType: 'System', PrincipalType: 'IMSGroup', PrincipalName: 'readers@group.ramp-demo-a.onaliyun.com', ResourceGroupId: '1680000000000001' }] } },
      };
      const survey = new ramp.Survey(2);
      const out = [];
      const sent = [];
      const waits = [];
      let throttled = false;
      for (let i = 0; i < 200; i++) {
        const step = survey.next();
        if (step.kind === 'send') {
          ok(step.host.endsWith('.aliyuncs.com') && step.params.Action === undefined, JSON.stringify(step));
          // What a portal does with it: sign() gives the request to send.
          const signed = ramp.sign({ scheme: 'V3', host: step.host, action: step.action, version: step.version, params: step.params,
            accessKeyId: 'LTAI5tExampleId000000', accessKeySecret: 'example-secret', timestamp: '2026-12-03T00:00:00Z', nonce: `n-${step.id}` });
          ok(signed.headers.authorization.startsWith('ACS3-HMAC-SHA256 '), 'signed');
          sent.push(step.action);
          out.push(step);
        } else if (step.kind === 'answers') {
          const o = out.shift();
          if (o.action === 'ListUsers' && !throttled) {
            throttled = true;
            survey.feed(o.id, 429, JSON.stringify({ Code: 'Throttling.User', Message: 'More than 50 requests per second from this client; retry after a second.' }));
          } else if (o.action === 'GetLoginProfile') survey.feed(o.id, 404, JSON.stringify({ Code: 'EntityNotExist.User.LoginProfile', Message: 'none' }));
          else survey.feed(o.id, 200, JSON.stringify(answers[o.action] ?? { IsTruncated: false }));
        } else if (step.kind === 'wait') {
          waits.push(step.delayMs);
        } else {
          eq(step.kind, 'finished', 'the survey ends');
          break;
        }
      }
      eq(waits, [1000], 'one pause of a second after the throttled call');
      eq(sent.filter((a) => a === 'ListUsers').length, 2, 'the throttled call went again');
      ok(sent.includes('ListPolicyAttachments') && sent.includes('ListAccessKeys'), sent.join());
      const progress = survey.progress();
      eq(progress.done, progress.known, 'all answered');
      const account = survey.account();
      eq(account.id, '1680000000000001', 'account');
      const audited = ramp.audit(account, '2026-12-03T00:00:00Z');
      const bob = audited.model.principals.find((p) => p.principal.name === 'bob');
      eq(bob.arms, 'read-only', 'bob reads through his group');
      eq(bob.scopes[0].paths[0].via, 'readers', 'the path names the group');
      ok(audited.csv.startsWith('type,name,arn,arms,scope,level,paths,denied_by\n'), audited.csv);
      eq(JSON.parse(audited.json).account, '1680000000000001', 'the JSON report');
      eq(ramp.whoCan(account, 'arms:GetTraceApp', '*').map((a) => a.principal.name), ['bob'], 'who can read');
      throws(() => ramp.audit({ id: 1 }, '2026-12-03T00:00:00Z'), 'InvalidParameter', 'a snapshot that is not one');
    },
    'kind: a trust policy is told from a permission policy'() {
      eq(ramp.kind(ramp.trustPolicy({ trustees: [{ type: 'service', name: 'ecs.aliyuncs.com' }] })), 'trust', 'trust');
      eq(ramp.kind(ramp.permissionPolicy('arms-read-only')), 'permission', 'permission');
      eq(ramp.kind('{ not json'), 'permission', 'unreadable text defaults to permission');
    },
    'permissionPolicy and format: presets in the canonical layout'() {
      const apps = ramp.permissionPolicy('arms-apps', { region: 'cn-hangzhou', traceApps: ['shop-*'], rumApps: ['shop-web'], edit: true });
      const d = JSON.parse(apps);
      eq(d.Statement.length, 2, 'trace and rum statements');
      ok(d.Statement[0].Resource.includes('acs:arms:cn-hangzhou:*:armsapp/shop-*'), apps);
      eq(ramp.format(apps), apps, 'already canonical');
      eq(ramp.format(JSON.stringify(d)), apps, 'compact → canonical');
      const one = JSON.parse(ramp.permissionPolicy('assume-one-role', { accountId: '1680000000000001', roleName: 'arms-viewer' }));
      eq(one.Statement[0].Resource, 'acs:ram::1680000000000001:role/arms-viewer', 'one role');
      throws(() => ramp.permissionPolicy('arms-apps', {}), 'InvalidParameter', 'no apps');
      throws(() => ramp.permissionPolicy('nope', undefined), 'InvalidParameter', 'unknown preset');
      throws(() => ramp.format('{ nope'), 'InvalidPolicyDocument', 'broken JSON');
    },
    'plan and exportPlan: a team group, its calls and its Terraform'() {
      const p = ramp.plan({ flow: 'team-group', account: { id: '1680000000000001', alias: 'ramp-demo-a' }, group: 'arms-team', arms: 'read-only', members: ['alice'] });
      eq(p.steps.map((s) => s.action), ['CreateGroup', 'AttachPolicyToGroup', 'AddUserToGroup'], 'calls');
      ok(p.steps.every((s) => s.account === '1680000000000001'), 'account');
      const tf = ramp.exportPlan(p, 'terraform');
      ok(tf.includes('resource "alicloud_ram_group"') && tf.includes('arms-team'), tf.slice(0, 200));
      ok(ramp.exportPlan(p, 'cli').includes('aliyun ram CreateGroup'), 'cli');
      throws(() => ramp.exportPlan(p, 'pdf'), 'InvalidParameter', 'format');
      throws(() => ramp.plan({ flow: 'team-group', account: { id: '1' }, group: 'bad name', arms: 'read-only' }), 'Ramp.Plan', 'bad group');
      throws(() => ramp.plan({ flow: 'nope' }), 'InvalidParameter', 'unknown flow');
    },
  };
}
