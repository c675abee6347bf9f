import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** poppler's command-line tools (pdftotext, pdftoppm, pdffonts, pdfdetach), when installed. */
export function hasTool(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;
}

export const artifacts = path.resolve(__dirname, '../../test-artifacts');

export function scratchDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'documents-'));
}

function withFile<T>(pdf: Buffer, use: (file: string) => T): T {
  const file = path.join(scratchDir(), 'doc.pdf');
  writeFileSync(file, pdf);
  return use(file);
}

/** The text of a PDF, page by page (pdftotext separates pages with form feeds). */
export function pdfPages(pdf: Buffer, layout = true): string[] {
  return withFile(pdf, (file) => execFileSync('pdftotext', [...(layout ? ['-layout'] : []), '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }))
    .split('\f')
    .slice(0, -1);
}

export function pdfFonts(pdf: Buffer): string {
  return withFile(pdf, (file) => execFileSync('pdffonts', [file], { encoding: 'utf8' }));
}

/** Renders one page to PNG into test-artifacts/ and returns its path. */
export function renderPng(pdf: Buffer, name: string, page = 1, dpi = 80): string {
  mkdirSync(artifacts, { recursive: true });
  return withFile(pdf, (file) => {
    const out = path.join(artifacts, name);
    execFileSync('pdftoppm', ['-png', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', file, out]);
    return `${out}.png`;
  });
}

/** Extracts an embedded file (ZUGFeRD's factur-x.xml) by name. */
export function pdfAttachment(pdf: Buffer, name: string): Buffer {
  return withFile(pdf, (file) => {
    const listing = execFileSync('pdfdetach', ['-list', file], { encoding: 'utf8' });
    const index = /^(\d+): (.+)$/m.exec(listing.split('\n').find((l) => l.endsWith(`: ${name}`)) ?? '')?.[1];
    if (!index) throw new Error(`no attachment ${name} in the PDF:\n${listing}`);
    const out = path.join(path.dirname(file), `attachment-${index}`);
    execFileSync('pdfdetach', ['-save', index, '-o', out, file]);
    return readFileSync(out);
  });
}

/**
 * The official EN 16931 / XRechnung checks live in shared/ next to the repository (as in CI); EINVOICE_VALIDATOR
 * points elsewhere, e.g. from a worktree. Null when absent.
 */
export function validatorPath(): string | null {
  const candidate = process.env.EINVOICE_VALIDATOR ?? path.resolve(__dirname, '../../../shared/einvoice/validate-cii');
  return existsSync(candidate) ? candidate : null;
}

/**
 * Runs the official EN 16931 checks on `files`. Asynchronously: a test server in the same process keeps serving, so
 * its kept-alive connections are not all closed at once when a blocked event loop wakes up (ECONNRESET on the next
 * fetch).
 */
export function validateCii(validator: string, files: string[]): Promise<{ status: number; output: string }> {
  return new Promise((resolve) => {
    execFile(validator, files, { encoding: 'utf8', timeout: 240_000, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const status = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ status, output: `${stdout}${stderr}` });
    });
  });
}
