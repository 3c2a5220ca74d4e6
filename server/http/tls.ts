/**
 * TLS for the HTTPS server. Office add-ins must be served over HTTPS; when no
 * certificate is configured, a local CA and a localhost certificate are made
 * once under data/tls with office-addin-dev-certs' generator (pure JS, no
 * sudo). To trust it, install data/tls/ca.crt as described in README.
 */
import fs from 'node:fs';
import path from 'node:path';
import { generateCertificates } from 'office-addin-dev-certs';
import type { Config } from '../config.ts';

export interface TlsFiles {
  cert: string;
  key: string;
  ca?: string;
  generated: boolean;
}

export async function loadTls(config: Config): Promise<TlsFiles> {
  if (config.tlsCertFile || config.tlsKeyFile) {
    if (!config.tlsCertFile || !config.tlsKeyFile) throw new Error('Set both TLS_CERT_FILE and TLS_KEY_FILE, or neither');
    return { cert: fs.readFileSync(config.tlsCertFile, 'utf8'), key: fs.readFileSync(config.tlsKeyFile, 'utf8'), generated: false };
  }
  const dir = path.join(config.dataDir, 'tls');
  const ca = path.join(dir, 'ca.crt');
  const cert = path.join(dir, 'localhost.crt');
  const key = path.join(dir, 'localhost.key');
  if (!fs.existsSync(cert) || !fs.existsSync(key) || !fs.existsSync(ca)) {
    fs.mkdirSync(dir, { recursive: true });
    await generateCertificates(ca, cert, key, 365, ['127.0.0.1', 'localhost']);
  }
  return { cert: fs.readFileSync(cert, 'utf8'), key: fs.readFileSync(key, 'utf8'), ca, generated: true };
}
