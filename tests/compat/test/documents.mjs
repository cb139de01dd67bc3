// OpenAPI documents with API Gateway extensions, as users import them.

/** OAS 3 (JSON): MOCK GET / and HTTP_PROXY GET /pets, /pets/{petId} to the dev echo backend. */
export function petstoreOpenApi3(echoPort) {
  return JSON.stringify({
    openapi: "3.0.1",
    info: { title: "PetStore", description: "pets for sale", version: "2024-01-01" },
    paths: {
      "/": {
        get: {
          responses: { 200: { description: "ok" } },
          "x-amazon-apigateway-integration": {
            type: "mock",
            requestTemplates: { "application/json": '{"statusCode": 200}' },
            responses: { default: { statusCode: "200", responseTemplates: { "application/json": '{"hello":"pets"}' } } },
            passthroughBehavior: "when_no_match",
          },
        },
      },
      "/pets": {
        get: {
          responses: { 200: { description: "ok" } },
          "x-amazon-apigateway-integration": {
            type: "http_proxy",
            httpMethod: "GET",
            uri: `http://127.0.0.1:${echoPort}/pets`,
            passthroughBehavior: "when_no_match",
          },
        },
      },
      "/pets/{petId}": {
        get: {
          parameters: [{ name: "petId", in: "path", required: true, schema: { type: "string" } }],
          responses: { 200: { description: "ok" } },
          "x-amazon-apigateway-integration": {
            type: "http_proxy",
            httpMethod: "GET",
            uri: `http://127.0.0.1:${echoPort}/pets/{petId}`,
            requestParameters: { "integration.request.path.petId": "method.request.path.petId" },
            passthroughBehavior: "when_no_match",
          },
        },
      },
    },
  });
}

/** Swagger 2 (YAML): GET and POST /orders as MOCK, with a binary media type. */
export const ordersSwagger2Yaml = `swagger: "2.0"
info:
  title: Orders
  version: "1.0"
x-amazon-apigateway-binary-media-types:
  - image/png
paths:
  /orders:
    get:
      responses:
        "200":
          description: ok
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates:
          application/json: '{"statusCode": 200}'
        responses:
          default:
            statusCode: "200"
    post:
      responses:
        "201":
          description: created
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates:
          application/json: '{"statusCode": 201}'
        responses:
          default:
            statusCode: "201"
`;

/** OAS 3 (JSON) with only /toys, to overwrite or merge into the pet store. */
export const toysOpenApi3 = JSON.stringify({
  openapi: "3.0.1",
  info: { title: "Toys", version: "1" },
  paths: {
    "/toys": {
      get: {
        responses: { 200: { description: "ok" } },
        "x-amazon-apigateway-integration": {
          type: "mock",
          requestTemplates: { "application/json": '{"statusCode": 200}' },
          responses: { default: { statusCode: "200" } },
        },
      },
    },
  },
});

export const encode = (text) => new TextEncoder().encode(text);
export const decode = (bytes) => new TextDecoder().decode(bytes);
