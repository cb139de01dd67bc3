// Decodes OTLP/HTTP exports (ExportMetricsServiceRequest, ExportTraceServiceRequest) with protobufjs,
// using the message and field numbers of opentelemetry-proto v1 (collector, metrics, trace, common).
// Only the fields the tests read are declared; protobuf skips the others.
import protobuf from "protobufjs";

const schema = `
syntax = "proto3";
package otlp;
message AnyValue {
  oneof value { string string_value = 1; bool bool_value = 2; int64 int_value = 3; double double_value = 4; bytes bytes_value = 7; }
}
message KeyValue { string key = 1; AnyValue value = 2; }
message Resource { repeated KeyValue attributes = 1; }
message InstrumentationScope { string name = 1; string version = 2; }
message NumberDataPoint {
  repeated KeyValue attributes = 7;
  fixed64 start_time_unix_nano = 2;
  fixed64 time_unix_nano = 3;
  oneof value { double as_double = 4; sfixed64 as_int = 6; }
}
message HistogramDataPoint {
  repeated KeyValue attributes = 9;
  fixed64 time_unix_nano = 3;
  fixed64 count = 4;
  double sum = 5;
  repeated fixed64 bucket_counts = 6;
  repeated double explicit_bounds = 7;
}
message Gauge { repeated NumberDataPoint data_points = 1; }
message Sum { repeated NumberDataPoint data_points = 1; int32 aggregation_temporality = 2; bool is_monotonic = 3; }
message Histogram { repeated HistogramDataPoint data_points = 1; int32 aggregation_temporality = 2; }
message Metric {
  string name = 1;
  string description = 2;
  string unit = 3;
  oneof data { Gauge gauge = 5; Sum sum = 7; Histogram histogram = 9; }
}
message ScopeMetrics { InstrumentationScope scope = 1; repeated Metric metrics = 2; }
message ResourceMetrics { Resource resource = 1; repeated ScopeMetrics scope_metrics = 2; }
message ExportMetricsServiceRequest { repeated ResourceMetrics resource_metrics = 1; }
message Span {
  bytes trace_id = 1;
  bytes span_id = 2;
  bytes parent_span_id = 4;
  string name = 5;
  int32 kind = 6;
  repeated KeyValue attributes = 9;
}
message ScopeSpans { InstrumentationScope scope = 1; repeated Span spans = 2; }
message ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; }
message ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }
`;

const root = protobuf.parse(schema).root;
const request = root.lookupType("otlp.ExportMetricsServiceRequest");
const traceRequest = root.lookupType("otlp.ExportTraceServiceRequest");
const attributes = (list) => Object.fromEntries(list.map((kv) => [kv.key, kv.value?.[kv.value.value]]));

/**
 * Every data point of one OTLP/HTTP metrics body, flattened:
 * { resource, scope, metric, kind ("sum" | "gauge" | "histogram"), attributes, value, count }.
 */
export function decodeMetricsExport(body) {
  const decoded = request.toObject(request.decode(body), { longs: Number, defaults: true, oneofs: true });
  const points = [];
  for (const resourceMetrics of decoded.resourceMetrics) {
    const resource = attributes(resourceMetrics.resource?.attributes ?? []);
    for (const scopeMetrics of resourceMetrics.scopeMetrics) {
      for (const metric of scopeMetrics.metrics) {
        const kind = metric.data;
        for (const point of metric[kind]?.dataPoints ?? []) {
          points.push({
            resource,
            scope: scopeMetrics.scope?.name,
            metric: metric.name,
            kind,
            attributes: attributes(point.attributes),
            value: kind === "histogram" ? point.sum : (point.asInt ?? point.asDouble),
            count: kind === "histogram" ? point.count : undefined,
            temporality: metric[kind]?.aggregationTemporality,
          });
        }
      }
    }
  }
  return points;
}

/** Every span of one OTLP/HTTP traces body: { scope, name, kind, traceId, spanId, parentSpanId (hex), attributes }. */
export function decodeTracesExport(body) {
  const decoded = traceRequest.toObject(traceRequest.decode(body), { longs: Number, bytes: Buffer, defaults: true, oneofs: true });
  const hex = (bytes) => Buffer.from(bytes ?? []).toString("hex");
  const spans = [];
  for (const resourceSpans of decoded.resourceSpans) {
    for (const scopeSpans of resourceSpans.scopeSpans) {
      for (const span of scopeSpans.spans) {
        spans.push({
          scope: scopeSpans.scope?.name,
          name: span.name,
          kind: span.kind,
          traceId: hex(span.traceId),
          spanId: hex(span.spanId),
          parentSpanId: hex(span.parentSpanId),
          attributes: attributes(span.attributes),
        });
      }
    }
  }
  return spans;
}
