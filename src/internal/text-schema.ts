// User-text schemas live with the model (which imports nothing of ours); modules keep importing them from here.
export * from '../model/text.js';
