/** Text for errors and sizes on /classify. */
export const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e)) || 'Something went wrong.';
export const megabytes = (b: number) => (b / 1e6).toFixed(1);
