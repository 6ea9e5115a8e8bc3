// Observable Plot charts as one accessible image: the chart carries the
// label, and the marks' own aria-labels (not allowed on plain groups) go.
export function asImage<T extends Element>(chart: T, label: string): T {
  for (const el of chart.querySelectorAll('[aria-label]')) el.removeAttribute('aria-label');
  chart.setAttribute('role', 'img');
  chart.setAttribute('aria-label', label);
  return chart;
}
