/**
 * Faust's internal wire forms, for the features that speak them: windowed changelog keys
 * ({@link faust.codecs.internal.wire.WindowKeyCodec}), set-table changelog and manager values
 * ({@link faust.codecs.internal.wire.SetCodecs}), and agent request/reply headers and envelopes
 * ({@link faust.codecs.internal.wire.ReqRep}). Checked against Faust's captures by {@code GoldenWireTest}.
 */
package faust.codecs.internal.wire;
