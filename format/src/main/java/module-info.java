/** The secrets file: its model, strict reader and byte-exact writer. The JSON tokenizer is for the runtime only. */
module dev.secretbaker.format {
    exports dev.secretbaker.format;
    exports dev.secretbaker.format.internal to dev.secretbaker.runtime;
}
