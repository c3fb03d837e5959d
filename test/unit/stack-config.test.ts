/** `npm run stack`'s files: the Temporal server's config from the template, and the history shards chosen once. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { HistoryShardsError, settleHistoryShards } from '../../scripts/lib/stack/history-shards';
import { writeTemporalConfig } from '../../scripts/lib/stack/temporal-config';

const ports = {
  frontend: 17233,
  frontendHttp: 17243,
  frontendMembership: 16933,
  history: 17234,
  historyMembership: 16934,
  matching: 17235,
  matchingMembership: 16935,
  worker: 17239,
  workerMembership: 16939,
};

describe('the Temporal server config of the stack', () => {
  it('fills the template with the run’s PostgreSQL, ports and shards', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kyhan-stack-config-'));
    const file = writeTemporalConfig({ dir, postgres: { host: '127.0.0.1', port: 15432, user: 'postgres' }, ports, numHistoryShards: 8 });
    const config = parse(readFileSync(file, 'utf8'));
    expect(config.persistence.numHistoryShards).toBe(8);
    for (const store of ['postgres-default', 'postgres-visibility']) {
      expect(config.persistence.datastores[store].sql).toMatchObject({ pluginName: 'postgres12', connectAddr: '127.0.0.1:15432', user: 'postgres', password: '' });
    }
    expect(config.persistence.datastores['postgres-default'].sql.databaseName).toBe('temporal');
    expect(config.persistence.datastores['postgres-visibility'].sql.databaseName).toBe('temporal_visibility');
    expect(config.services.frontend.rpc).toMatchObject({ grpcPort: 17233, httpPort: 17243, membershipPort: 16933 });
    expect(config.services.history.rpc).toMatchObject({ grpcPort: 17234, membershipPort: 16934 });
    expect(config.services.matching.rpc).toMatchObject({ grpcPort: 17235, membershipPort: 16935 });
    expect(config.services.worker.rpc).toMatchObject({ grpcPort: 17239, membershipPort: 16939 });
    expect(config.clusterMetadata.clusterInformation.active.rpcAddress).toBe('127.0.0.1:17233');
    expect(config.dynamicConfigClient.filepath).toBe(join(dir, 'dynamicconfig.yaml'));
    // No fixed port left over from the development file.
    expect(config.global.pprof).toBeUndefined();
    expect(config.global.metrics).toBeUndefined();
  });

  it('keeps an operator’s dynamic config on the next start', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kyhan-stack-config-'));
    const input = { dir, postgres: { host: '127.0.0.1', port: 15432, user: 'postgres' }, ports, numHistoryShards: 4 };
    writeTemporalConfig(input);
    writeFileSync(join(dir, 'dynamicconfig.yaml'), 'limit.maxIDLength:\n  - value: 255\n');
    writeTemporalConfig(input);
    expect(readFileSync(join(dir, 'dynamicconfig.yaml'), 'utf8')).toContain('maxIDLength');
  });
});

describe('history shards, chosen at the first start', () => {
  it('records the first choice (or the default) and keeps it', () => {
    const record = join(mkdtempSync(join(tmpdir(), 'kyhan-stack-shards-')), 'temporal', 'history-shards');
    expect(settleHistoryShards(record, undefined, 4)).toBe(4);
    expect(settleHistoryShards(record, undefined, 16)).toBe(4);
    expect(settleHistoryShards(record, 4, 16)).toBe(4);
  });

  it('refuses another count later, naming both and the fix', () => {
    const record = join(mkdtempSync(join(tmpdir(), 'kyhan-stack-shards-')), 'history-shards');
    expect(settleHistoryShards(record, 8, 4)).toBe(8);
    expect(() => settleHistoryShards(record, 4, 4)).toThrow(HistoryShardsError);
    expect(() => settleHistoryShards(record, 4, 4)).toThrow(/created with 8 history shards .* cannot change to 4\. Fix: unset KYHAN_TEMPORAL_SHARDS/);
  });

  it('refuses a count that is not a whole number of 1 or more', () => {
    const record = join(mkdtempSync(join(tmpdir(), 'kyhan-stack-shards-')), 'history-shards');
    expect(() => settleHistoryShards(record, 0, 4)).toThrow(/whole number of 1 or more \(received 0\)/);
  });
});
