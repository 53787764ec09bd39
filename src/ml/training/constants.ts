/** The bundled model whose features the trained models build on (no TF.js here: the page reads it too). */
export const BACKBONE_ID = 'content-mobilenetv2';
