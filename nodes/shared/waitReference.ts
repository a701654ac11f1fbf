/**
 * The wait reference: what a Send and Wait reply button carries in its id so that the trigger,
 * when the contact taps it, can resume the execution that sent it. The format (building and
 * parsing) is in waitReferenceCodec.ts, the resume side (URL, request, answer) in waitResume.ts.
 */
export * from './waitReferenceCodec';
export * from './waitResume';
