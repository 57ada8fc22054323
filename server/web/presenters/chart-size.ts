// The width every SVG chart is drawn at (coverage, the /metrics bars and trends): 560 is about 1:1 in a half-width
// card at 1366 px, so the charts' 12 px labels stay 12 px (at 720 they shrank to 8); the SVG scales down on a phone.
export const CHART_WIDTH_PX = 560;
