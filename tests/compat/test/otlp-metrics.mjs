// Decodes OTLP/HTTP metric exports (ExportMetricsServiceRequest) with protobufjs, using the message
// and field numbers of opentelemetry-proto v1 (collector/metrics/v1, metrics/v1, common/v1). Only the
// fields the tests read are declared; protobuf skips the others.
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
`;

const request = protobuf.parse(schema).root.lookupType("otlp.ExportMetricsServiceRequest");

/**
 * Every data point of one OTLP/HTTP metrics body, flattened:
 * { resource, scope, metric, kind ("sum" | "gauge" | "histogram"), attributes, value, count }.
 */
export function decodeMetricsExport(body) {
  const decoded = request.toObject(request.decode(body), { longs: Number, defaults: true, oneofs: true });
  const attributes = (list) => Object.fromEntries(list.map((kv) => [kv.key, kv.value?.[kv.value.value]]));
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
