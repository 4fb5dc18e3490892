// One ECharts chart of the big screen, tree-shaken (only the charts and components the screen uses).
// The container always has an explicit pixel size (the screen is a fixed 1920×1080 stage scaled by CSS),
// so ECharts never measures a zero-sized element.
import { BarChart, GaugeChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, LineChart, GaugeChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** The option of a chart (any ECharts option built from the registered parts). */
export type ChartOption = echarts.EChartsCoreOption;

/** A chart of `width` × `height` stage pixels; a new `option` updates it in place (no flicker on refresh). */
export function ScreenChart({ option, width, height, testId }: { option: ChartOption; width: number; height: number; testId?: string }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const latest = useRef(option);
  latest.current = option;

  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current, null, { renderer: 'canvas', width, height });
    c.setOption(latest.current);
    chart.current = c;
    return () => {
      c.dispose();
      chart.current = null;
    };
  }, [width, height]);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true, lazyUpdate: true });
  }, [option]);

  return <div ref={el} data-testid={testId} style={{ width, height }} />;
}

/** Shared look of the screen's charts: gold text on dark red. */
export const GOLD = '#ffd666';
export const TEXT = '#fbe9c8';
export const RED = '#ff4d4f';
export const AXIS = { axisLine: { lineStyle: { color: 'rgba(255, 214, 102, 0.5)' } }, axisLabel: { color: TEXT, fontSize: 14 }, splitLine: { lineStyle: { color: 'rgba(255, 214, 102, 0.12)' } } };
