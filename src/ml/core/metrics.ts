/** Confusion matrix: rows are true classes, columns predicted classes. */
export type Confusion = number[][];

export function emptyConfusion(classes: number): Confusion {
  return Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
}

export function accuracyOf(confusion: Confusion): number {
  let right = 0;
  let all = 0;
  confusion.forEach((row, i) =>
    row.forEach((n, j) => {
      all += n;
      if (i === j) right += n;
    }),
  );
  return all ? right / all : 0;
}

export function perClassAccuracy(confusion: Confusion): number[] {
  return confusion.map((row, i) => {
    const n = row.reduce((a, b) => a + b, 0);
    return n ? row[i] / n : 0;
  });
}

/** Indices of the k largest values, largest first. */
export function topK(values: ArrayLike<number>, k: number): number[] {
  return Array.from({ length: values.length }, (_, i) => i)
    .sort((a, b) => values[b] - values[a])
    .slice(0, k);
}
