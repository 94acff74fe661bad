/** Text for errors, sizes and confidences on /classify. */
export const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e)) || 'Something went wrong.';
export const megabytes = (b: number) => (b / 1e6).toFixed(1);
export const percent = (p: number) => `${(p * 100).toFixed(p > 0.995 ? 0 : 1)}%`;
