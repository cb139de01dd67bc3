// IAM's query API on the management listener, driven by the unmodified @aws-sdk/client-iam.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeleteUserCommand,
  DeleteUserPolicyCommand,
  GetUserCommand,
  GetUserPolicyCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListUsersCommand,
  PutUserPolicyCommand,
  UpdateAccessKeyCommand,
} from "@aws-sdk/client-iam";
import { adminCredentials, rejection, startGateway } from "./gateway.mjs";

describe("IAM users, access keys and inline policies through @aws-sdk/client-iam", () => {
  let gateway;
  let iam;
  before(async () => {
    gateway = await startGateway();
    iam = new IAMClient({
      endpoint: `http://127.0.0.1:${gateway.managementPort}`,
      region: "us-east-1",
      credentials: { ...adminCredentials },
      maxAttempts: 1,
    });
  });
  after(async () => {
    await gateway?.stop();
  });

  const send = (command) => iam.send(command);
  const allowAll = JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: "execute-api:Invoke", Resource: "arn:aws:execute-api:*:*:*/*/GET/*" }],
  });

  test("CreateUser, GetUser and ListUsers return IAM's user shape; a second CreateUser is EntityAlreadyExists", async () => {
    const created = await send(new CreateUserCommand({ UserName: "alice", Path: "/team/" }));
    assert.equal(created.User.UserName, "alice");
    assert.equal(created.User.Path, "/team/");
    assert.equal(created.User.Arn, "arn:aws:iam::000000000000:user/team/alice");
    assert.match(created.User.UserId, /^AIDA[A-Z2-7]{17}$/);
    assert.ok(created.User.CreateDate instanceof Date);

    const got = await send(new GetUserCommand({ UserName: "alice" }));
    assert.deepEqual(got.User, created.User);

    await send(new CreateUserCommand({ UserName: "bob" }));
    const listed = await send(new ListUsersCommand({}));
    assert.deepEqual(listed.Users.map((u) => u.UserName), ["alice", "bob"]);
    assert.equal(listed.IsTruncated, false);

    const page = await send(new ListUsersCommand({ MaxItems: 1 }));
    assert.deepEqual(page.Users.map((u) => u.UserName), ["alice"]);
    assert.equal(page.IsTruncated, true);
    const next = await send(new ListUsersCommand({ MaxItems: 1, Marker: page.Marker }));
    assert.deepEqual(next.Users.map((u) => u.UserName), ["bob"]);

    const duplicate = await rejection(send(new CreateUserCommand({ UserName: "alice" })));
    assert.equal(duplicate.name, "EntityAlreadyExistsException");
    assert.equal(duplicate.$metadata.httpStatusCode, 409);
  });

  test("GetUser of an unknown user is 404 NoSuchEntity; a bad name is 400 ValidationError", async () => {
    const missing = await rejection(send(new GetUserCommand({ UserName: "nobody" })));
    assert.equal(missing.name, "NoSuchEntityException");
    assert.equal(missing.$metadata.httpStatusCode, 404);
    assert.equal(missing.message, "The user with name nobody cannot be found.");

    const bad = await rejection(send(new CreateUserCommand({ UserName: "x".repeat(65) })));
    assert.equal(bad.$metadata.httpStatusCode, 400);
    assert.equal(bad.name, "ValidationError");
    const slash = await rejection(send(new CreateUserCommand({ UserName: "a/b" })));
    assert.equal(slash.name, "ValidationError");
  });

  test("CreateAccessKey returns the secret once; ListAccessKeys and UpdateAccessKey show only metadata; a third key is LimitExceeded", async () => {
    await send(new CreateUserCommand({ UserName: "keys" }));
    const { AccessKey: key } = await send(new CreateAccessKeyCommand({ UserName: "keys" }));
    assert.match(key.AccessKeyId, /^AKIA[A-Z2-7]{16}$/);
    assert.equal(key.SecretAccessKey.length, 40);
    assert.equal(key.Status, "Active");
    assert.equal(key.UserName, "keys");

    await send(new UpdateAccessKeyCommand({ UserName: "keys", AccessKeyId: key.AccessKeyId, Status: "Inactive" }));
    const listed = await send(new ListAccessKeysCommand({ UserName: "keys" }));
    assert.equal(listed.AccessKeyMetadata.length, 1);
    assert.equal(listed.AccessKeyMetadata[0].AccessKeyId, key.AccessKeyId);
    assert.equal(listed.AccessKeyMetadata[0].Status, "Inactive");
    assert.equal(listed.AccessKeyMetadata[0].SecretAccessKey, undefined);

    await send(new CreateAccessKeyCommand({ UserName: "keys" }));
    const third = await rejection(send(new CreateAccessKeyCommand({ UserName: "keys" })));
    assert.equal(third.name, "LimitExceededException");
    assert.equal(third.$metadata.httpStatusCode, 409);

    const unknown = await rejection(send(new DeleteAccessKeyCommand({ UserName: "keys", AccessKeyId: "AKIAAAAAAAAAAAAAAAAA" })));
    assert.equal(unknown.name, "NoSuchEntityException");
  });

  test("PutUserPolicy and GetUserPolicy round-trip the document URL-encoded, as IAM returns it", async () => {
    await send(new CreateUserCommand({ UserName: "policies" }));
    await send(new PutUserPolicyCommand({ UserName: "policies", PolicyName: "invoke", PolicyDocument: allowAll }));
    const got = await send(new GetUserPolicyCommand({ UserName: "policies", PolicyName: "invoke" }));
    assert.equal(got.PolicyName, "invoke");
    assert.equal(got.UserName, "policies");
    assert.equal(decodeURIComponent(got.PolicyDocument), allowAll);

    await send(new DeleteUserPolicyCommand({ UserName: "policies", PolicyName: "invoke" }));
    const gone = await rejection(send(new GetUserPolicyCommand({ UserName: "policies", PolicyName: "invoke" })));
    assert.equal(gone.name, "NoSuchEntityException");
  });

  test("a malformed, principal-bearing or oversize policy is refused", async () => {
    await send(new CreateUserCommand({ UserName: "strict" }));
    const notJson = await rejection(send(new PutUserPolicyCommand({ UserName: "strict", PolicyName: "p", PolicyDocument: "{not json" })));
    assert.equal(notJson.name, "MalformedPolicyDocumentException");
    assert.equal(notJson.$metadata.httpStatusCode, 400);

    const withPrincipal = JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: "*", Action: "execute-api:Invoke", Resource: "*" }],
    });
    const principal = await rejection(send(new PutUserPolicyCommand({ UserName: "strict", PolicyName: "p", PolicyDocument: withPrincipal })));
    assert.equal(principal.name, "MalformedPolicyDocumentException");

    const big = JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "execute-api:Invoke", Resource: Array.from({ length: 60 }, (_, i) => `arn:aws:execute-api:us-east-1:000000000000:api${i}/*`) }],
    });
    const tooBig = await rejection(send(new PutUserPolicyCommand({ UserName: "strict", PolicyName: "p", PolicyDocument: big })));
    assert.equal(tooBig.name, "LimitExceededException");
  });

  test("DeleteUser is DeleteConflict while the user has keys or policies, then succeeds", async () => {
    await send(new CreateUserCommand({ UserName: "leaving" }));
    const { AccessKey: key } = await send(new CreateAccessKeyCommand({ UserName: "leaving" }));
    await send(new PutUserPolicyCommand({ UserName: "leaving", PolicyName: "p", PolicyDocument: allowAll }));

    const conflict = await rejection(send(new DeleteUserCommand({ UserName: "leaving" })));
    assert.equal(conflict.name, "DeleteConflictException");
    assert.equal(conflict.$metadata.httpStatusCode, 409);

    await send(new DeleteAccessKeyCommand({ UserName: "leaving", AccessKeyId: key.AccessKeyId }));
    await send(new DeleteUserPolicyCommand({ UserName: "leaving", PolicyName: "p" }));
    await send(new DeleteUserCommand({ UserName: "leaving" }));
    const gone = await rejection(send(new GetUserCommand({ UserName: "leaving" })));
    assert.equal(gone.name, "NoSuchEntityException");
  });

  test("IAM calls signed with a wrong secret are refused", async () => {
    const intruder = new IAMClient({
      endpoint: `http://127.0.0.1:${gateway.managementPort}`,
      region: "us-east-1",
      credentials: { accessKeyId: adminCredentials.accessKeyId, secretAccessKey: "wrong-secret-wrong-secret-wrong-secret-00" },
      maxAttempts: 1,
    });
    const refused = await rejection(intruder.send(new ListUsersCommand({})));
    assert.equal(refused.$metadata.httpStatusCode, 403);
  });
});
