// The framing rule of docs/protocol.md §2 as a foreign client checks it: every server frame is a
// text frame holding a non-empty JSON array of messages.
'use strict';

// The frame's messages, or null after recording in `errors` how the frame broke the rule.
function messages(data, isBinary, errors) {
  if (isBinary) {
    errors.push('binary frame from server');
    return null;
  }
  let frame;
  try {
    frame = JSON.parse(data.toString('utf8'));
  } catch (e) {
    errors.push('frame is not JSON');
    return null;
  }
  if (!Array.isArray(frame) || frame.length === 0) {
    errors.push('frame is not a non-empty array');
    return null;
  }
  return frame;
}

module.exports = { messages };
