/** JSXGraph object ids are this prefix + the figure's element id (its SVG nodes: `<board id>_np_<id>`). */
export const ID_PREFIX = 'np_';
