import { describe, expect, it } from 'vitest';
import { RADAR_CAP, qualityCostConfig, radarConfig } from './charts.ts';

describe('radarConfig', () => {
  const config = radarConfig([
    { id: 'a', name: 'Encoder on CPU', scores: { cost: 0.02, latency: 0.1, memory: 0.05, control: 0 } },
    { id: 'b', name: 'Frontier API', scores: { cost: 7.5, latency: null, memory: null, control: 2 } },
  ]);

  it('draws the budget as the 100 % ring, then one series per candidate in axis order', () => {
    expect(config.data.datasets[0]).toMatchObject({ label: 'Budget', data: [1, 1, 1, 1] });
    expect(config.data.datasets.map((d) => d.label)).toEqual(['Budget', 'Encoder on CPU', 'Frontier API']);
    expect(config.data.datasets[1]!.data).toEqual([0.02, 0.1, 0.05, 0]);
  });

  it('caps far-over-budget axes at the rim and leaves unknown axes as gaps', () => {
    expect(config.data.datasets[2]!.data).toEqual([RADAR_CAP, null, null, 2]);
  });
});

describe('qualityCostConfig', () => {
  const points = [
    { id: 'a', name: 'Encoder', quality: 0.96, monthlyUsd: 40, dominated: false },
    { id: 'b', name: 'Big API', quality: 0.95, monthlyUsd: 9000, dominated: true },
  ];

  it('marks dominated candidates with a hollow cross and says so in the legend', () => {
    const config = qualityCostConfig(points, { qualityBar: 0.95, higherIsBetter: true });
    const [encoder, api] = config.data.datasets as unknown as {
      label: string;
      pointStyle: string;
      backgroundColor: string;
    }[];
    expect(encoder).toMatchObject({ label: 'Encoder', pointStyle: 'circle' });
    expect(api).toMatchObject({ label: 'Big API (dominated)', pointStyle: 'crossRot', backgroundColor: 'transparent' });
  });

  it('draws the quality bar across the cost range', () => {
    const config = qualityCostConfig(points, { qualityBar: 0.95, higherIsBetter: true });
    const bar = config.data.datasets.at(-1) as unknown as { label: string; data: { x: number; y: number }[] };
    expect(bar.label).toBe('Quality bar');
    expect(bar.data).toEqual([
      { x: 0, y: 0.95 },
      { x: 9900, y: 0.95 },
    ]);
  });

  it('turns the quality axis over when lower is better', () => {
    const config = qualityCostConfig(points, { qualityBar: 0.1, higherIsBetter: false });
    expect((config.options?.scales?.y as { reverse?: boolean }).reverse).toBe(true);
  });
});
