import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { Agent, request } from 'undici';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config.js';
import { buildApp } from '../../src/http/app.js';
import { testConfig } from '../support/app.js';
import { useTestDatabase } from '../support/database.js';

const db = useTestDatabase();

/** A self-signed certificate for localhost, made by the openssl CLI for this test only. */
function selfSigned(): { certFile: string; keyFile: string; cert: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'maguey-tls-'));
  const [certFile, keyFile] = [path.join(dir, 'cert.pem'), path.join(dir, 'key.pem')];
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1',
    '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-keyout', keyFile, '-out', certFile], { stdio: 'ignore' });
  return { certFile, keyFile, cert: readFileSync(certFile, 'utf8') };
}

describe('HTTPS and the public address', () => {
  it('serves over HTTPS with MAGUEY_TLS_CERT and MAGUEY_TLS_KEY, and tells clients MAGUEY_PUBLIC_URL', async () => {
    const { certFile, keyFile, cert } = selfSigned();
    const fromEnv = readConfig({ MAGUEY_TLS_CERT: certFile, MAGUEY_TLS_KEY: keyFile, MAGUEY_PUBLIC_URL: 'https://door.club.example/' });
    expect(fromEnv.tls).toEqual({ certFile, keyFile });
    expect(fromEnv.publicUrl).toBe('https://door.club.example');

    const app = await buildApp({ sql: db.sql, config: testConfig({ tls: fromEnv.tls, publicUrl: fromEnv.publicUrl }) });
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const { port } = app.server.address() as AddressInfo;
      const trusting = new Agent({ connect: { ca: cert } });
      const health = await request(`https://localhost:${port}/healthz`, { dispatcher: trusting });
      expect(health.statusCode).toBe(200);
      await health.body.dump();
      // The same server refuses plain HTTP on that port: it really is TLS.
      await expect(request(`http://127.0.0.1:${port}/healthz`).then((r) => r.body.dump())).rejects.toThrow();
      await trusting.close();
    } finally {
      await app.close();
    }
  });

  it('stops the start-up on half a TLS setting or a public address that is not http(s)', () => {
    expect(() => readConfig({ MAGUEY_TLS_CERT: '/tmp/cert.pem' })).toThrow(/both MAGUEY_TLS_CERT and MAGUEY_TLS_KEY/);
    expect(() => readConfig({ MAGUEY_PUBLIC_URL: 'ftp://door.example' })).toThrow(/https:\/\/ or http:\/\//);
    expect(() => readConfig({ MAGUEY_PUBLIC_URL: 'door.example' })).toThrow(/not a URL/);
    expect(readConfig({}).publicUrl).toBeUndefined();
  });
});
