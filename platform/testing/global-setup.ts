/**
 * Vitest global setup: integration tests need the test stack that
 * `npm test` (platform/stack/test.sh) starts. When vitest runs on its own,
 * unit tests still run; integration tests check `stackAvailable()`.
 */
export default function setup(): void {
  process.env.TZ = 'UTC';
}
