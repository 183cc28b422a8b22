// Load the Spark Connect gRPC service from the descriptor set that scripts/spark/install.sh
// builds out of the installed pyspark wheel (.spark/proto/spark-connect.desc). Nothing from
// Spark's repository is committed; the protocol always matches the Spark release installed.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { loadFileDescriptorSetFromBuffer } from '@grpc/proto-loader';
import { readEnvironment } from '../../config.js';
import { REPO_ROOT } from '../../install-paths.js';

/** Where the descriptor set is looked for: $MARQUEE_SPARK_PROTO, else <repo>/.spark/proto/. */
export function descriptorPath(): string {
  return readEnvironment().sparkProto ?? path.join(REPO_ROOT, '.spark', 'proto', 'spark-connect.desc');
}

export type SparkConnectServiceClient = grpc.Client & Record<string, (...args: never[]) => unknown>;
type ServiceConstructor = new (
  address: string,
  credentials: grpc.ChannelCredentials,
  options?: grpc.ChannelOptions,
) => SparkConnectServiceClient;

let cached: ServiceConstructor | undefined;

/** The generated client class for spark.connect.SparkConnectService. */
export function sparkConnectService(): ServiceConstructor {
  if (cached) return cached;
  const file = descriptorPath();
  if (!existsSync(file)) {
    throw new Error(
      `Spark Connect protocol descriptors not found at ${file}: run scripts/spark/install.sh (it builds them from the installed pyspark)`,
    );
  }
  const definition = loadFileDescriptorSetFromBuffer(readFileSync(file), {
    // Field names stay snake_case as in the .proto files; 64-bit ints arrive as strings so no
    // precision is lost; oneofs report which member is set.
    keepCase: true,
    longs: String,
    enums: String,
    bytes: Buffer,
    defaults: false,
    oneofs: true,
  });
  const loaded = grpc.loadPackageDefinition(definition) as unknown as { spark: { connect: { SparkConnectService: ServiceConstructor } } };
  const service = loaded.spark?.connect?.SparkConnectService;
  if (!service) throw new Error(`${file} does not define spark.connect.SparkConnectService: rebuild it with scripts/spark/install.sh`);
  cached = service;
  return service;
}
