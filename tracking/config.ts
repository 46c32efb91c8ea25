/** Tracking settings (declared once; environment overrides). */
import { defineKey } from '../platform/config/registry';

const c = 'tracking';

export const trackingKeys = {
  codeRequiredChannels: defineKey<string[]>({ context: c, env: 'TRACKING_CODE_REQUIRED_CHANNELS', type: 'list', default: ['app', 'mini_program', 'third_party', 'store_pos'], doc: 'Order channels whose handover needs the customer\'s delivery code (prescription orders always need it)' }),
  codeMaxTries: defineKey({ context: c, env: 'TRACKING_CODE_MAX_TRIES', type: 'int', default: 5, min: 1, max: 20, unit: 'tries', doc: 'Wrong delivery codes before the code locks and the dispatcher is told' }),
  podStore: defineKey({ context: c, env: 'TRACKING_POD_STORE', type: 'enum', values: ['local', 's3'], default: 'local', doc: 'Where door photos and signatures are kept: a local directory (one api machine) or an S3-compatible object store (several)' }),
  podDir: defineKey({ context: c, env: 'TRACKING_POD_DIR', type: 'string', default: '', doc: 'Directory of the local photo store; empty = pod-files under the stack\'s data directory (STACK_DIR), else ./pod-files' }),
  podS3Endpoint: defineKey<string>({ context: c, env: 'TRACKING_POD_S3_ENDPOINT', type: 'url', optional: true, doc: 'S3 endpoint, e.g. https://s3.cn-north-1.amazonaws.com.cn or http://127.0.0.1:9000 (MinIO)' }),
  podS3Bucket: defineKey<string>({ context: c, env: 'TRACKING_POD_S3_BUCKET', type: 'string', optional: true, doc: 'S3 bucket for proof-of-delivery files' }),
  podS3Region: defineKey({ context: c, env: 'TRACKING_POD_S3_REGION', type: 'string', default: 'us-east-1', doc: 'S3 signing region' }),
  podS3AccessKeyId: defineKey<string>({ context: c, env: 'TRACKING_POD_S3_ACCESS_KEY_ID', type: 'string', optional: true, doc: 'S3 access key id' }),
  podS3SecretAccessKey: defineKey<string>({ context: c, env: 'TRACKING_POD_S3_SECRET_ACCESS_KEY', type: 'string', secret: true, optional: true, doc: 'S3 secret access key' }),
  podS3PathStyle: defineKey({ context: c, env: 'TRACKING_POD_S3_PATH_STYLE', type: 'bool', default: true, doc: 'Path-style S3 URLs (MinIO and most self-hosted stores); false = bucket as a host name' }),
};
