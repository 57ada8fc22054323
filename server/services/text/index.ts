// Plain-text helpers every folder shares.
export { stripToneMarks } from './tone-marks.js';
