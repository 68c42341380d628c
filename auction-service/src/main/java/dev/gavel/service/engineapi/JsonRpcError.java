package dev.gavel.service.engineapi;

/** A JSON-RPC error to answer with; the Engine API's own codes are -38001 and up. */
final class JsonRpcError extends Exception {
    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;
    static final int METHOD_NOT_FOUND = -32601;
    static final int INVALID_PARAMS = -32602;
    /** No valid bid won: rollup-boost then uses the sequencer's own block. */
    static final int NO_WINNING_BID = -32000;
    /** This instance is a standby (or was deposed): rollup-boost then uses the sequencer's own block. */
    static final int NOT_THE_AUCTIONEER = -32001;

    static final int UNKNOWN_PAYLOAD = -38001;
    static final int INVALID_FORKCHOICE_STATE = -38002;
    static final int INVALID_PAYLOAD_ATTRIBUTES = -38003;
    static final int UNSUPPORTED_FORK = -38005;

    private final int code;

    JsonRpcError(int code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    int code() {
        return code;
    }
}
