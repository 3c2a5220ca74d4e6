/**
 * GET /job-files/<id>?key=…: a file a job made (the team's plan templates as
 * a zip), by the link `Job.file.url` gives to those who may see the job. The
 * link carries its own secret, so it opens in a browser without signing in,
 * and lasts a day (job-files.ts). A wrong key and a missing file look alike.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Database } from '../db/client.ts';
import { keyMatches } from '../jobs/job-files.ts';

function refuse(res: ServerResponse, status: number, code: string, reason: string, params: Record<string, string>, message: string) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify({ errors: [{ message, extensions: { code, reason, params } }] }));
}

/** The file's name in the header: as it is when ASCII; else an ASCII stand-in and the name itself in UTF-8 (RFC 6266), which browsers use. */
function disposition(name: string): string {
  if (/^[\w.-]+$/.test(name)) return `attachment; filename="${name}"`;
  const ascii = name.replace(/[^\w.-]+/g, '').replace(/^[-.]+/, '') || 'download';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function jobFileDownload(db: Database, clock: () => Date = () => new Date()) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 400, 'BAD_USER_INPUT', 'INVALID_VALUE', { field: 'method' }, 'Use GET.');
    const url = new URL(req.url ?? '/', 'http://localhost');
    const id = decodeURIComponent(url.pathname.slice('/job-files/'.length));
    const key = url.searchParams.get('key') ?? '';
    const missing = () => refuse(res, 404, 'NOT_FOUND', 'JOB_FILE_NOT_FOUND', { id }, `File ${id} was not found, or the link is not whole.`);
    if (!/^[\w-]{1,64}$/.test(id) || !key) return missing();
    const found = await db.prisma.jobFile.findUnique({ where: { id }, select: { role: true, downloadKey: true, expiresAt: true } });
    if (!found || found.role !== 'OUTPUT' || !found.downloadKey || !keyMatches(found.downloadKey, key)) return missing();
    if (!found.expiresAt || found.expiresAt <= clock()) return refuse(res, 410, 'NOT_FOUND', 'DOWNLOAD_EXPIRED', {}, 'This download link has expired: make the file again.');
    const file = await db.prisma.jobFile.findUnique({ where: { id }, select: { name: true, contentType: true, bytes: true } });
    if (!file) return missing();
    res.writeHead(200, {
      'content-type': file.contentType,
      'content-disposition': disposition(file.name),
      'content-length': String(file.bytes.length),
      'cache-control': 'private, no-store',
      'referrer-policy': 'no-referrer',
    });
    res.end(req.method === 'HEAD' ? undefined : file.bytes);
  };
}
