/** Personal-data protection: masking, field encryption with key rotation, blind index, access policy. */
export * from './phone';
export * from './masking';
export * from './field-crypto';
export * from './access-policy';
