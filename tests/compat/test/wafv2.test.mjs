// WAFv2's management API on the management listener, driven by the unmodified @aws-sdk/client-wafv2.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  AssociateWebACLCommand,
  CreateIPSetCommand,
  CreateRegexPatternSetCommand,
  CreateRuleGroupCommand,
  CreateWebACLCommand,
  DeleteIPSetCommand,
  DeleteRegexPatternSetCommand,
  DeleteRuleGroupCommand,
  DeleteWebACLCommand,
  DisassociateWebACLCommand,
  GetIPSetCommand,
  GetRegexPatternSetCommand,
  GetRuleGroupCommand,
  GetWebACLCommand,
  GetWebACLForResourceCommand,
  ListIPSetsCommand,
  ListRegexPatternSetsCommand,
  ListResourcesForWebACLCommand,
  ListRuleGroupsCommand,
  ListWebACLsCommand,
  UpdateIPSetCommand,
  UpdateRegexPatternSetCommand,
  UpdateRuleGroupCommand,
  UpdateWebACLCommand,
  WAFV2Client,
} from "@aws-sdk/client-wafv2";
import { CreateDeploymentCommand, DeleteRestApiCommand, DeleteStageCommand, GetStageCommand, ImportRestApiCommand } from "@aws-sdk/client-api-gateway";
import http from "node:http";
import { adminCredentials, freePort, invokeWithHeaders, rejection, startGateway } from "./gateway.mjs";

const Scope = "REGIONAL";
const visibility = (name) => ({ SampledRequestsEnabled: false, CloudWatchMetricsEnabled: false, MetricName: name });
const arnPattern = (kind, name) => new RegExp(`^arn:aws:wafv2:us-east-1:000000000000:regional/${kind}/${name}/[0-9a-f-]{36}$`);

describe("WAFv2 management through @aws-sdk/client-wafv2", () => {
  let gateway;
  let waf;
  const send = (command) => waf.send(command);
  before(async () => {
    gateway = await startGateway();
    waf = new WAFV2Client({
      endpoint: `http://127.0.0.1:${gateway.managementPort}`,
      region: "us-east-1",
      credentials: { ...adminCredentials },
      maxAttempts: 1,
    });
  });
  after(async () => {
    await gateway?.stop();
  });

  async function createStage(name) {
    const document = {
      openapi: "3.0.1",
      info: { title: name, version: "1" },
      paths: {
        "/pets": {
          get: { "x-amazon-apigateway-integration": { type: "mock", requestTemplates: { "application/json": '{"statusCode": 200}' } } },
        },
      },
    };
    const api = await gateway.client.send(new ImportRestApiCommand({ body: new TextEncoder().encode(JSON.stringify(document)) }));
    await gateway.client.send(new CreateDeploymentCommand({ restApiId: api.id, stageName: "prod" }));
    return { restApiId: api.id, arn: `arn:aws:apigateway:us-east-1::/restapis/${api.id}/stages/prod` };
  }

  test("IP sets: create, get, update with the lock token, list and delete in WAF's shapes", async () => {
    const created = await send(new CreateIPSetCommand({
      Name: "office", Scope, IPAddressVersion: "IPV4", Addresses: ["192.0.2.0/24"], Description: "the office",
    }));
    assert.equal(created.Summary.Name, "office");
    assert.match(created.Summary.ARN, arnPattern("ipset", "office"));
    assert.equal(created.Summary.Description, "the office");
    assert.match(created.Summary.LockToken, /^[0-9a-f-]{36}$/);

    const { Id } = created.Summary;
    const got = await send(new GetIPSetCommand({ Name: "office", Scope, Id }));
    assert.deepEqual(got.IPSet, {
      Name: "office", Id, ARN: created.Summary.ARN, Description: "the office", IPAddressVersion: "IPV4", Addresses: ["192.0.2.0/24"],
    });
    assert.equal(got.LockToken, created.Summary.LockToken);

    const updated = await send(new UpdateIPSetCommand({
      Name: "office", Scope, Id, Addresses: ["192.0.2.0/24", "198.51.100.7/32"], LockToken: got.LockToken,
    }));
    assert.notEqual(updated.NextLockToken, got.LockToken);
    const after = await send(new GetIPSetCommand({ Name: "office", Scope, Id }));
    assert.deepEqual(after.IPSet.Addresses, ["192.0.2.0/24", "198.51.100.7/32"]);
    assert.equal(after.IPSet.IPAddressVersion, "IPV4");
    assert.equal(after.LockToken, updated.NextLockToken);

    const listed = await send(new ListIPSetsCommand({ Scope }));
    assert.deepEqual(listed.IPSets.map((s) => [s.Name, s.Id, s.LockToken]), [["office", Id, updated.NextLockToken]]);

    await send(new DeleteIPSetCommand({ Name: "office", Scope, Id, LockToken: updated.NextLockToken }));
    const gone = await rejection(send(new GetIPSetCommand({ Name: "office", Scope, Id })));
    assert.equal(gone.name, "WAFNonexistentItemException");
  });

  test("a stale lock token is WAFOptimisticLockException and changes nothing", async () => {
    const created = await send(new CreateIPSetCommand({ Name: "locked", Scope, IPAddressVersion: "IPV6", Addresses: ["2001:db8::/32"] }));
    const { Id, LockToken } = created.Summary;
    await send(new UpdateIPSetCommand({ Name: "locked", Scope, Id, Addresses: [], LockToken }));

    const stale = await rejection(send(new UpdateIPSetCommand({ Name: "locked", Scope, Id, Addresses: ["2001:db8:1::/48"], LockToken })));
    const staleDelete = await rejection(send(new DeleteIPSetCommand({ Name: "locked", Scope, Id, LockToken })));

    assert.equal(stale.name, "WAFOptimisticLockException");
    assert.equal(staleDelete.name, "WAFOptimisticLockException");
    assert.equal(stale.$metadata.httpStatusCode, 400);
    assert.deepEqual((await send(new GetIPSetCommand({ Name: "locked", Scope, Id }))).IPSet.Addresses, []);
  });

  test("a taken name is WAFDuplicateItemException; CLOUDFRONT scope and bad addresses are WAFInvalidParameterException", async () => {
    await send(new CreateIPSetCommand({ Name: "twice", Scope, IPAddressVersion: "IPV4", Addresses: [] }));

    const duplicate = await rejection(send(new CreateIPSetCommand({ Name: "twice", Scope, IPAddressVersion: "IPV4", Addresses: [] })));
    const cloudfront = await rejection(send(new CreateIPSetCommand({ Name: "cf", Scope: "CLOUDFRONT", IPAddressVersion: "IPV4", Addresses: [] })));
    const badAddress = await rejection(send(new CreateIPSetCommand({ Name: "bad", Scope, IPAddressVersion: "IPV4", Addresses: ["10.0.0.1"] })));
    const wrongFamily = await rejection(send(new CreateIPSetCommand({ Name: "bad", Scope, IPAddressVersion: "IPV4", Addresses: ["2001:db8::/32"] })));

    assert.equal(duplicate.name, "WAFDuplicateItemException");
    assert.equal(cloudfront.name, "WAFInvalidParameterException");
    assert.equal(cloudfront.Field, "SCOPE_VALUE");
    assert.equal(badAddress.name, "WAFInvalidParameterException");
    assert.equal(badAddress.Field, "IP_ADDRESS");
    assert.equal(badAddress.Parameter, "10.0.0.1");
    assert.equal(wrongFamily.Field, "IP_ADDRESS");
  });

  test("more than 10,000 addresses in an IP set is WAFLimitsExceededException", async () => {
    const addresses = Array.from({ length: 10_001 }, (_, i) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}/32`);

    const error = await rejection(send(new CreateIPSetCommand({ Name: "huge", Scope, IPAddressVersion: "IPV4", Addresses: addresses })));

    assert.equal(error.name, "WAFLimitsExceededException");
  });

  test("regex pattern sets: create, get, update, list and delete; an invalid or overlong regex is refused", async () => {
    const created = await send(new CreateRegexPatternSetCommand({
      Name: "bots", Scope, RegularExpressionList: [{ RegexString: "^curl/" }, { RegexString: "sqlmap" }],
    }));
    const { Id, LockToken, ARN } = created.Summary;
    assert.match(ARN, arnPattern("regexpatternset", "bots"));

    const got = await send(new GetRegexPatternSetCommand({ Name: "bots", Scope, Id }));
    assert.deepEqual(got.RegexPatternSet.RegularExpressionList, [{ RegexString: "^curl/" }, { RegexString: "sqlmap" }]);

    const updated = await send(new UpdateRegexPatternSetCommand({
      Name: "bots", Scope, Id, LockToken, RegularExpressionList: [{ RegexString: "nikto" }],
    }));
    assert.deepEqual(
      (await send(new GetRegexPatternSetCommand({ Name: "bots", Scope, Id }))).RegexPatternSet.RegularExpressionList,
      [{ RegexString: "nikto" }],
    );
    assert.deepEqual((await send(new ListRegexPatternSetsCommand({ Scope }))).RegexPatternSets.map((s) => s.Name), ["bots"]);

    const invalid = await rejection(send(new CreateRegexPatternSetCommand({ Name: "broken", Scope, RegularExpressionList: [{ RegexString: "(unclosed" }] })));
    const overlong = await rejection(send(new CreateRegexPatternSetCommand({ Name: "long", Scope, RegularExpressionList: [{ RegexString: "a".repeat(201) }] })));
    assert.equal(invalid.name, "WAFInvalidParameterException");
    assert.equal(overlong.name, "WAFInvalidParameterException");

    await send(new DeleteRegexPatternSetCommand({ Name: "bots", Scope, Id, LockToken: updated.NextLockToken }));
    assert.deepEqual((await send(new ListRegexPatternSetsCommand({ Scope }))).RegexPatternSets, []);
  });

  test("rule groups: create with a capacity, get by name or ARN, update keeping the capacity, and delete", async () => {
    const ipSet = (await send(new CreateIPSetCommand({ Name: "rg-ips", Scope, IPAddressVersion: "IPV4", Addresses: ["203.0.113.0/24"] }))).Summary;
    const rules = [{
      Name: "block-ips",
      Priority: 0,
      Statement: { IPSetReferenceStatement: { ARN: ipSet.ARN } },
      Action: { Block: {} },
      VisibilityConfig: visibility("block-ips"),
    }];
    const created = await send(new CreateRuleGroupCommand({ Name: "group", Scope, Capacity: 50, VisibilityConfig: visibility("group"), Rules: rules }));
    const { Id, ARN, LockToken } = created.Summary;
    assert.match(ARN, arnPattern("rulegroup", "group"));

    const byName = await send(new GetRuleGroupCommand({ Name: "group", Scope, Id }));
    const byArn = await send(new GetRuleGroupCommand({ ARN }));
    assert.deepEqual(byArn.RuleGroup, byName.RuleGroup);
    assert.equal(byName.RuleGroup.Capacity, 50);
    assert.deepEqual(byName.RuleGroup.Rules, rules);
    assert.equal(byName.RuleGroup.LabelNamespace, "awswaf:000000000000:rulegroup:group:");

    const updated = await send(new UpdateRuleGroupCommand({ Name: "group", Scope, Id, LockToken, VisibilityConfig: visibility("group"), Rules: [] }));
    const after = await send(new GetRuleGroupCommand({ Name: "group", Scope, Id }));
    assert.equal(after.RuleGroup.Capacity, 50);
    assert.deepEqual(after.RuleGroup.Rules, []);
    assert.deepEqual((await send(new ListRuleGroupsCommand({ Scope }))).RuleGroups.map((g) => g.Name), ["group"]);

    const overCapacity = await rejection(send(new CreateRuleGroupCommand({ Name: "tiny", Scope, Capacity: 1, VisibilityConfig: visibility("tiny"),
      Rules: [{ ...rules[0], Statement: { RegexPatternSetReferenceStatement: { ARN: ARN.replace("rulegroup/group", "regexpatternset/none"), FieldToMatch: { UriPath: {} }, TextTransformations: [{ Priority: 0, Type: "NONE" }] } } }] })));
    assert.equal(overCapacity.name, "WAFLimitsExceededException");

    await send(new DeleteRuleGroupCommand({ Name: "group", Scope, Id, LockToken: updated.NextLockToken }));
    await send(new DeleteIPSetCommand({ Name: "rg-ips", Scope, Id: ipSet.Id, LockToken: ipSet.LockToken }));
  });

  test("web ACLs: create, get, update, list, and an in-use IP set or rule group cannot be deleted", async () => {
    const ipSet = (await send(new CreateIPSetCommand({ Name: "acl-ips", Scope, IPAddressVersion: "IPV4", Addresses: ["198.51.100.0/24"] }))).Summary;
    const group = (await send(new CreateRuleGroupCommand({ Name: "acl-group", Scope, Capacity: 10, VisibilityConfig: visibility("g") }))).Summary;
    const rules = [
      { Name: "ips", Priority: 1, Statement: { IPSetReferenceStatement: { ARN: ipSet.ARN } }, Action: { Block: {} }, VisibilityConfig: visibility("ips") },
      { Name: "group", Priority: 2, Statement: { RuleGroupReferenceStatement: { ARN: group.ARN } }, OverrideAction: { None: {} }, VisibilityConfig: visibility("group") },
    ];
    const created = await send(new CreateWebACLCommand({
      Name: "acl", Scope, DefaultAction: { Allow: {} }, VisibilityConfig: visibility("acl"), Rules: rules, Description: "edge ACL",
    }));
    const { Id, ARN, LockToken } = created.Summary;
    assert.match(ARN, arnPattern("webacl", "acl"));

    const got = await send(new GetWebACLCommand({ Name: "acl", Scope, Id }));
    assert.equal(got.WebACL.Name, "acl");
    assert.equal(got.WebACL.ARN, ARN);
    assert.equal(got.WebACL.Description, "edge ACL");
    assert.deepEqual(got.WebACL.DefaultAction, { Allow: {} });
    assert.deepEqual(got.WebACL.Rules, rules);
    assert.equal(got.WebACL.ManagedByFirewallManager, false);
    assert.equal(got.WebACL.Capacity, 11);
    assert.equal(got.LockToken, LockToken);
    assert.deepEqual((await send(new GetWebACLCommand({ ARN }))).WebACL, got.WebACL);

    const inUseSet = await rejection(send(new DeleteIPSetCommand({ Name: "acl-ips", Scope, Id: ipSet.Id, LockToken: ipSet.LockToken })));
    const inUseGroup = await rejection(send(new DeleteRuleGroupCommand({ Name: "acl-group", Scope, Id: group.Id, LockToken: group.LockToken })));
    assert.equal(inUseSet.name, "WAFAssociatedItemException");
    assert.equal(inUseGroup.name, "WAFAssociatedItemException");

    const updated = await send(new UpdateWebACLCommand({
      Name: "acl", Scope, Id, LockToken, DefaultAction: { Block: {} }, VisibilityConfig: visibility("acl"), Rules: [],
    }));
    const after = await send(new GetWebACLCommand({ Name: "acl", Scope, Id }));
    assert.deepEqual(after.WebACL.DefaultAction, { Block: {} });
    assert.deepEqual(after.WebACL.Rules, []);
    assert.equal(after.WebACL.Description, undefined);
    assert.deepEqual((await send(new ListWebACLsCommand({ Scope }))).WebACLs.map((a) => [a.Name, a.LockToken]), [["acl", updated.NextLockToken]]);

    // No longer referenced: both can go now.
    await send(new DeleteIPSetCommand({ Name: "acl-ips", Scope, Id: ipSet.Id, LockToken: ipSet.LockToken }));
    await send(new DeleteRuleGroupCommand({ Name: "acl-group", Scope, Id: group.Id, LockToken: group.LockToken }));
    await send(new DeleteWebACLCommand({ Name: "acl", Scope, Id, LockToken: updated.NextLockToken }));
    assert.deepEqual((await send(new ListWebACLsCommand({ Scope }))).WebACLs, []);
  });

  test("a web ACL referencing a missing IP set is WAFNonexistentItemException; malformed rules are WAFInvalidParameterException", async () => {
    const base = { Scope, DefaultAction: { Allow: {} }, VisibilityConfig: visibility("x") };
    const missing = await rejection(send(new CreateWebACLCommand({ ...base, Name: "missing", Rules: [{
      Name: "r", Priority: 0, Action: { Block: {} }, VisibilityConfig: visibility("r"),
      Statement: { IPSetReferenceStatement: { ARN: "arn:aws:wafv2:us-east-1:000000000000:regional/ipset/none/00000000-0000-0000-0000-000000000000" } },
    }] })));
    const twoStatements = await rejection(send(new CreateWebACLCommand({ ...base, Name: "two", Rules: [{
      Name: "r", Priority: 0, Action: { Block: {} }, VisibilityConfig: visibility("r"),
      Statement: { GeoMatchStatement: { CountryCodes: ["FR"] }, SqliMatchStatement: { FieldToMatch: { UriPath: {} }, TextTransformations: [] } },
    }] })));
    const samePriority = await rejection(send(new CreateWebACLCommand({ ...base, Name: "prio", Rules: ["a", "b"].map((name) => ({
      Name: name, Priority: 3, Action: { Count: {} }, VisibilityConfig: visibility(name), Statement: { GeoMatchStatement: { CountryCodes: ["FR"] } },
    })) })));
    let deep = { GeoMatchStatement: { CountryCodes: ["FR"] } };
    for (let i = 0; i < 12; i++) {
      deep = { NotStatement: { Statement: deep } };
    }
    const tooDeep = await rejection(send(new CreateWebACLCommand({ ...base, Name: "deep", Rules: [{
      Name: "r", Priority: 0, Action: { Block: {} }, VisibilityConfig: visibility("r"), Statement: deep,
    }] })));
    const noDefault = await rejection(send(new CreateWebACLCommand({ Name: "nodefault", Scope, VisibilityConfig: visibility("x") })));

    assert.equal(missing.name, "WAFNonexistentItemException");
    assert.equal(twoStatements.name, "WAFInvalidParameterException");
    assert.equal(twoStatements.Field, "STATEMENT");
    assert.equal(samePriority.name, "WAFInvalidParameterException");
    assert.equal(samePriority.Field, "RULE");
    assert.equal(tooDeep.name, "WAFLimitsExceededException");
    assert.equal(noDefault.name, "WAFInvalidParameterException");
    assert.equal(noDefault.Field, "DEFAULT_ACTION");
  });

  test("lists page with Limit and NextMarker", async () => {
    for (const name of ["page-a", "page-b", "page-c"]) {
      await send(new CreateRegexPatternSetCommand({ Name: name, Scope, RegularExpressionList: [{ RegexString: name }] }));
    }

    const first = await send(new ListRegexPatternSetsCommand({ Scope, Limit: 2 }));
    const second = await send(new ListRegexPatternSetsCommand({ Scope, Limit: 2, NextMarker: first.NextMarker }));
    const badLimit = await rejection(send(new ListRegexPatternSetsCommand({ Scope, Limit: 0 })));

    assert.deepEqual(first.RegexPatternSets.map((s) => s.Name), ["page-a", "page-b"]);
    assert.ok(first.NextMarker);
    assert.deepEqual(second.RegexPatternSets.map((s) => s.Name), ["page-c"]);
    assert.equal(second.NextMarker, undefined);
    assert.equal(badLimit.name, "WAFInvalidParameterException");
  });

  test("associations: one web ACL per stage, GetStage shows it, an associated ACL cannot be deleted, disassociation frees it", async () => {
    const stage = await createStage("assoc");
    const base = { Scope, DefaultAction: { Allow: {} }, VisibilityConfig: visibility("x") };
    const first = (await send(new CreateWebACLCommand({ ...base, Name: "first" }))).Summary;
    const second = (await send(new CreateWebACLCommand({ ...base, Name: "second" }))).Summary;

    assert.deepEqual(Object.keys(await send(new GetWebACLForResourceCommand({ ResourceArn: stage.arn }))).filter((k) => k !== "$metadata"), []);
    await send(new AssociateWebACLCommand({ WebACLArn: first.ARN, ResourceArn: stage.arn }));
    assert.equal((await send(new GetWebACLForResourceCommand({ ResourceArn: stage.arn }))).WebACL.Name, "first");
    assert.deepEqual((await send(new ListResourcesForWebACLCommand({ WebACLArn: first.ARN }))).ResourceArns, [stage.arn]);
    assert.deepEqual((await send(new ListResourcesForWebACLCommand({ WebACLArn: first.ARN, ResourceType: "API_GATEWAY" }))).ResourceArns, [stage.arn]);
    assert.equal((await gateway.client.send(new GetStageCommand({ restApiId: stage.restApiId, stageName: "prod" }))).webAclArn, first.ARN);

    // Associating another replaces the first, as WAF does.
    await send(new AssociateWebACLCommand({ WebACLArn: second.ARN, ResourceArn: stage.arn }));
    assert.equal((await send(new GetWebACLForResourceCommand({ ResourceArn: stage.arn }))).WebACL.Name, "second");
    assert.deepEqual((await send(new ListResourcesForWebACLCommand({ WebACLArn: first.ARN }))).ResourceArns, []);

    const inUse = await rejection(send(new DeleteWebACLCommand({ Name: "second", Scope, Id: second.Id, LockToken: second.LockToken })));
    assert.equal(inUse.name, "WAFAssociatedItemException");

    await send(new DisassociateWebACLCommand({ ResourceArn: stage.arn }));
    assert.equal((await send(new GetWebACLForResourceCommand({ ResourceArn: stage.arn }))).WebACL, undefined);
    assert.equal((await gateway.client.send(new GetStageCommand({ restApiId: stage.restApiId, stageName: "prod" }))).webAclArn, undefined);
    await send(new DeleteWebACLCommand({ Name: "second", Scope, Id: second.Id, LockToken: second.LockToken }));
    await send(new DeleteWebACLCommand({ Name: "first", Scope, Id: first.Id, LockToken: first.LockToken }));
  });

  test("deleting a stage or its API drops the association: the ACL can be deleted and a stage made again under the name starts unprotected", async () => {
    const base = { Scope, DefaultAction: { Allow: {} }, VisibilityConfig: visibility("x") };
    const acl = (await send(new CreateWebACLCommand({ ...base, Name: "outlives" }))).Summary;
    const stage = await createStage("deleted-stage");
    const api = await createStage("deleted-api");
    await send(new AssociateWebACLCommand({ WebACLArn: acl.ARN, ResourceArn: stage.arn }));
    await send(new AssociateWebACLCommand({ WebACLArn: acl.ARN, ResourceArn: api.arn }));

    await gateway.client.send(new DeleteStageCommand({ restApiId: stage.restApiId, stageName: "prod" }));
    assert.deepEqual((await send(new ListResourcesForWebACLCommand({ WebACLArn: acl.ARN }))).ResourceArns, [api.arn]);
    await gateway.client.send(new CreateDeploymentCommand({ restApiId: stage.restApiId, stageName: "prod" }));
    assert.equal((await send(new GetWebACLForResourceCommand({ ResourceArn: stage.arn }))).WebACL, undefined);

    await gateway.client.send(new DeleteRestApiCommand({ restApiId: api.restApiId }));
    assert.deepEqual((await send(new ListResourcesForWebACLCommand({ WebACLArn: acl.ARN }))).ResourceArns, []);
    await send(new DeleteWebACLCommand({ Name: "outlives", Scope, Id: acl.Id, LockToken: acl.LockToken }));
  });

  test("associating with an unknown stage is WAFNonexistentItemException and with another resource type WAFInvalidParameterException", async () => {
    const acl = (await send(new CreateWebACLCommand({ Name: "lonely", Scope, DefaultAction: { Allow: {} }, VisibilityConfig: visibility("x") }))).Summary;

    const unknownStage = await rejection(send(new AssociateWebACLCommand({
      WebACLArn: acl.ARN, ResourceArn: "arn:aws:apigateway:us-east-1::/restapis/nosuchapi/stages/prod",
    })));
    const loadBalancer = await rejection(send(new AssociateWebACLCommand({
      WebACLArn: acl.ARN, ResourceArn: "arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/app/lb/50dc6c495c0c9188",
    })));
    const unknownAcl = await rejection(send(new AssociateWebACLCommand({
      WebACLArn: acl.ARN.replace(acl.Id, "00000000-0000-0000-0000-000000000000"), ResourceArn: "arn:aws:apigateway:us-east-1::/restapis/nosuchapi/stages/prod",
    })));

    assert.equal(unknownStage.name, "WAFNonexistentItemException");
    assert.equal(loadBalancer.name, "WAFInvalidParameterException");
    assert.equal(loadBalancer.Field, "RESOURCE_ARN");
    assert.equal(unknownAcl.name, "WAFNonexistentItemException");
    await send(new DeleteWebACLCommand({ Name: "lonely", Scope, Id: acl.Id, LockToken: acl.LockToken }));
  });

  test("an unknown X-Amz-Target is UnknownOperationException and an unsigned call is refused", async () => {
    const url = `http://127.0.0.1:${gateway.managementPort}/`;
    const unsigned = await fetch(url, {
      method: "POST",
      headers: { "X-Amz-Target": "AWSWAF_20190729.ListWebACLs", "Content-Type": "application/x-amz-json-1.1" },
      body: JSON.stringify({ Scope }),
    });
    assert.equal(unsigned.status, 403);

    const { SignatureV4 } = await import("@smithy/signature-v4");
    const { Sha256 } = await import("@aws-crypto/sha256-js");
    const signer = new SignatureV4({ service: "wafv2", region: "us-east-1", credentials: adminCredentials, sha256: Sha256 });
    const body = JSON.stringify({ Scope });
    const signed = await signer.sign({
      method: "POST", protocol: "http:", hostname: "127.0.0.1", port: gateway.managementPort, path: "/",
      headers: { host: `127.0.0.1:${gateway.managementPort}`, "x-amz-target": "AWSWAF_20190729.PutLoggingConfiguration", "content-type": "application/x-amz-json-1.1" },
      body,
    });
    const unknown = await fetch(url, { method: "POST", headers: signed.headers, body });
    assert.equal(unknown.status, 400);
    assert.equal((await unknown.json()).__type, "UnknownOperationException");

    const malformedBody = "{\"Scope\": ";
    const malformedSigned = await signer.sign({
      method: "POST", protocol: "http:", hostname: "127.0.0.1", port: gateway.managementPort, path: "/",
      headers: { host: `127.0.0.1:${gateway.managementPort}`, "x-amz-target": "AWSWAF_20190729.ListWebACLs", "content-type": "application/x-amz-json-1.1" },
      body: malformedBody,
    });
    const malformed = await fetch(url, { method: "POST", headers: malformedSigned.headers, body: malformedBody });
    assert.equal(malformed.status, 400);
    assert.equal((await malformed.json()).__type, "WAFInvalidParameterException");
  });

  test("a call body over 1 MB is WAFLimitsExceededException", async () => {
    const addresses = Array.from({ length: 80_000 }, (_, i) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}/32`);

    const error = await rejection(send(new CreateIPSetCommand({ Name: "oversized", Scope, IPAddressVersion: "IPV4", Addresses: addresses })));

    assert.equal(error.name, "WAFLimitsExceededException");
    assert.match(error.message, /bytes in a request/);
  });
  test("a rule the engine cannot enforce is WAFInvalidParameterException naming the rule", async () => {
    const error = await rejection(send(new CreateWebACLCommand({
      Name: "unenforceable", Scope, DefaultAction: { Allow: {} }, VisibilityConfig: visibility("x"),
      Rules: [{
        Name: "bad-byte-match", Priority: 0, Action: { Block: {} }, VisibilityConfig: visibility("r"),
        Statement: { ByteMatchStatement: { SearchString: new TextEncoder().encode("x"), FieldToMatch: { UriPath: {} }, TextTransformations: [{ Priority: 0, Type: "NONE" }], PositionalConstraint: "SOMEWHERE" } },
      }],
    })));

    assert.equal(error.name, "WAFInvalidParameterException");
    assert.match(error.message, /bad-byte-match/);
    assert.deepEqual((await send(new ListWebACLsCommand({ Scope }))).WebACLs.filter((a) => a.Name === "unenforceable"), []);
  });

  test("end to end: an associated ACL blocks an IP set and a header value within a second without calling the backend; updates and disassociation take effect as fast", async () => {
    let backendCalls = 0;
    const backend = http.createServer((request, response) => {
      backendCalls++;
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ path: request.url }));
    });
    const backendPort = await freePort();
    await new Promise((resolve) => backend.listen(backendPort, "127.0.0.1", resolve));
    try {
      const document = {
        openapi: "3.0.1",
        info: { title: "protected", version: "1" },
        paths: { "/items": { get: { "x-amazon-apigateway-integration": { type: "http_proxy", httpMethod: "GET", uri: `http://127.0.0.1:${backendPort}/items` } } } },
      };
      const api = await gateway.client.send(new ImportRestApiCommand({ body: new TextEncoder().encode(JSON.stringify(document)) }));
      await gateway.client.send(new CreateDeploymentCommand({ restApiId: api.id, stageName: "prod" }));
      const stageArn = `arn:aws:apigateway:us-east-1::/restapis/${api.id}/stages/prod`;
      const host = `${api.id}.execute-api.localhost`;
      const call = (headers = {}) => invokeWithHeaders(gateway.dataPort, host, "/prod/items", headers);
      // Polls every 10 ms until `call` answers `status`; returns the milliseconds it took.
      const timeUntil = async (status, headers) => {
        const started = Date.now();
        for (;;) {
          const response = await call(headers);
          if (response.status === status) {
            return { elapsed: Date.now() - started, response };
          }
          if (Date.now() - started > 5_000) {
            assert.fail(`still ${response.status} after 5 s: ${response.body}`);
          }
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      };
      assert.equal((await timeUntil(200)).response.status, 200);

      const ipSet = (await send(new CreateIPSetCommand({ Name: "loopback", Scope, IPAddressVersion: "IPV4", Addresses: ["127.0.0.1/32"] }))).Summary;
      const acl = (await send(new CreateWebACLCommand({
        Name: "protect", Scope, DefaultAction: { Allow: {} }, VisibilityConfig: visibility("protect"),
        Rules: [
          { Name: "block-loopback", Priority: 0, Action: { Block: {} }, VisibilityConfig: visibility("ip"), Statement: { IPSetReferenceStatement: { ARN: ipSet.ARN } } },
          {
            Name: "block-attack-header", Priority: 1, Action: { Block: {} }, VisibilityConfig: visibility("hdr"),
            Statement: { ByteMatchStatement: {
              SearchString: new TextEncoder().encode("yes"), FieldToMatch: { SingleHeader: { Name: "x-attack" } },
              TextTransformations: [{ Priority: 0, Type: "LOWERCASE" }], PositionalConstraint: "EXACTLY",
            } },
          },
        ],
      }))).Summary;

      await send(new AssociateWebACLCommand({ WebACLArn: acl.ARN, ResourceArn: stageArn }));
      const blocked = await timeUntil(403);
      const callsWhileBlocked = backendCalls;
      const again = await call();
      assert.ok(blocked.elapsed < 1_000, `association took ${blocked.elapsed} ms to reach the edge`);
      assert.deepEqual(JSON.parse(blocked.response.body), { message: "Forbidden" });
      assert.equal(again.status, 403);
      assert.equal(backendCalls, callsWhileBlocked);

      const current = await send(new GetIPSetCommand({ Name: "loopback", Scope, Id: ipSet.Id }));
      await send(new UpdateIPSetCommand({ Name: "loopback", Scope, Id: ipSet.Id, Addresses: [], LockToken: current.LockToken }));
      const unblocked = await timeUntil(200);
      assert.ok(unblocked.elapsed < 1_000, `the IP set update took ${unblocked.elapsed} ms to reach the edge`);

      const callsBeforeHeader = backendCalls;
      const attack = await call({ "x-attack": "YES" });
      assert.equal(attack.status, 403);
      assert.deepEqual(JSON.parse(attack.body), { message: "Forbidden" });
      assert.equal(backendCalls, callsBeforeHeader);

      await send(new DisassociateWebACLCommand({ ResourceArn: stageArn }));
      const uninspected = await timeUntil(200, { "x-attack": "yes" });
      assert.ok(uninspected.elapsed < 1_000, `disassociation took ${uninspected.elapsed} ms to reach the edge`);
      assert.equal(backendCalls, callsBeforeHeader + 1);
      console.log(`# propagation ms: associate ${blocked.elapsed}, UpdateIPSet ${unblocked.elapsed}, disassociate ${uninspected.elapsed}`);
    } finally {
      await new Promise((resolve) => backend.close(resolve));
    }
  });
});
