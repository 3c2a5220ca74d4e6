/**
 * Files kept with a job: what it reads (an uploaded import, kept from the
 * start until the job has finished, then dropped) and what it makes (the
 * team's plan templates as a zip, kept for a day to download). A made file
 * is downloaded by a link whose secret only those who may see the job are
 * given (`Job.file`), as a signed link would be, or with the bearer token.
 */
import crypto from 'node:crypto';
import type { Db, Prisma } from '../db/client.ts';

type Tx = Prisma.TransactionClient;

/** How long a made file may be downloaded. */
export const DOWNLOAD_HOURS = 24;

export interface KeptFile {
  name: string;
  contentType: string;
  bytes: Uint8Array;
}

/** Keeps the file a job will read, in the transaction that creates the job. */
export async function keepInput(tx: Tx, jobId: string, file: KeptFile): Promise<void> {
  await tx.jobFile.create({ data: { jobId, role: 'INPUT', name: file.name, contentType: file.contentType, size: file.bytes.length, bytes: Buffer.from(file.bytes) } });
}

/** The file a job reads, as the upload it was: null once it has gone. */
export async function inputOf(prisma: Db, jobId: string): Promise<File | null> {
  const kept = await prisma.jobFile.findUnique({ where: { jobId_role: { jobId, role: 'INPUT' } } });
  return kept && new File([kept.bytes], kept.name, { type: kept.contentType });
}

/** Drops the file a job read, once it has finished (with its success, or as it fails). */
export async function dropInput(db: Tx | Db, jobId: string): Promise<void> {
  await db.jobFile.deleteMany({ where: { jobId, role: 'INPUT' } });
}

/** Keeps what a job made, in the transaction that records its success; made files whose links have expired go (so what is kept is a day's worth). */
export async function keepOutput(tx: Tx, jobId: string, file: KeptFile, now = new Date()): Promise<void> {
  await tx.jobFile.deleteMany({ where: { role: 'OUTPUT', expiresAt: { lte: now } } });
  await tx.jobFile.create({
    data: {
      jobId,
      role: 'OUTPUT',
      name: file.name,
      contentType: file.contentType,
      size: file.bytes.length,
      bytes: Buffer.from(file.bytes),
      downloadKey: crypto.randomBytes(24).toString('base64url'),
      expiresAt: new Date(now.getTime() + DOWNLOAD_HOURS * 3_600_000),
    },
  });
}

export interface OutputFile {
  id: string;
  name: string;
  contentType: string;
  size: number;
  downloadKey: string;
  expiresAt: Date;
}

/** What a job made, without its bytes (for `Job.file`). */
export async function outputOf(prisma: Db, jobId: string): Promise<OutputFile | null> {
  const file = await prisma.jobFile.findUnique({
    where: { jobId_role: { jobId, role: 'OUTPUT' } },
    select: { id: true, name: true, contentType: true, size: true, downloadKey: true, expiresAt: true },
  });
  return file && file.downloadKey && file.expiresAt ? { ...file, downloadKey: file.downloadKey, expiresAt: file.expiresAt } : null;
}

/** The link a made file is downloaded by, relative to the server. */
export const downloadPath = (file: Pick<OutputFile, 'id' | 'downloadKey'>) => `/job-files/${encodeURIComponent(file.id)}?key=${encodeURIComponent(file.downloadKey)}`;

/** Whether `key` is the file's secret, compared in constant time. */
export function keyMatches(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}
