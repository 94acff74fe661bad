import { describe, expect, it } from 'vitest';
import { recommendedMlp } from '../../ml/digits/mlp-presets';
import { formOf, parse } from './train-form';

const base = recommendedMlp('mnist');

describe('Train settings form', () => {
  it('round-trips the recommended settings', () => {
    const { config, errors } = parse(formOf(base), base);
    expect(errors).toEqual({});
    expect(config).toEqual(base);
  });

  it('reads what was typed, spaces and all', () => {
    const { config } = parse({ ...formOf(base), hidden: ' 128 , 64', epochs: ' 3 ', learningRate: '0.01' }, base);
    expect(config).toMatchObject({ hidden: [128, 64], epochs: 3, learningRate: 0.01 });
  });

  it('refuses each bad field with its own sentence and no config', () => {
    const bad = {
      ...formOf(base),
      hidden: '128,,64',
      dropout: '1',
      learningRate: '0',
      batchSize: '2.5',
      epochs: '201',
      shift: '-1',
    };
    const { config, errors } = parse(bad, base);
    expect(config).toBeNull();
    expect(Object.keys(errors).sort()).toEqual(['batchSize', 'dropout', 'epochs', 'hidden', 'learningRate', 'shift']);
    expect(errors.epochs).toMatch(/1 to 200/);
  });

  it('accepts the edges of each range', () => {
    const edges = { ...formOf(base), hidden: '1,4096,1,1', dropout: '0', batchSize: '4096', epochs: '200', shift: '6' };
    expect(parse(edges, base).errors).toEqual({});
    expect(parse({ ...edges, hidden: '1,1,1,1,1' }, base).errors.hidden).toBeDefined(); // at most 4 layers
  });
});
