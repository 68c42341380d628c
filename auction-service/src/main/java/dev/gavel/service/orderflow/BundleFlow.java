package dev.gavel.service.orderflow;

import dev.gavel.primitives.Address;

/** Where accepted bundles go: to the admitted builders (the builder channel). */
public interface BundleFlow {
    void bundleReceived(Bundle bundle, Address sender);
}
