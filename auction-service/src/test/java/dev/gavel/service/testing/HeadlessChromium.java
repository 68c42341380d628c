package dev.gavel.service.testing;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium and chromium-driver, driven headless through Selenium's WebDriver, with no download of any
 * browser or driver (Selenium Manager is bypassed by naming both binaries). Where either is missing the test is
 * skipped, saying why; with {@code GAVEL_REQUIRE_BROWSER=1} (CI, whose {@code .ci/run} installs them) it fails.
 */
public final class HeadlessChromium {
    public static final String REQUIRE = "GAVEL_REQUIRE_BROWSER";

    private HeadlessChromium() {}

    /** A headless browser of 1280×1000 pixels; the caller quits it. */
    public static ChromeDriver start() {
        Optional<Path> browser = onPath("chromium");
        Optional<Path> driver = onPath("chromedriver");
        if (browser.isEmpty() || driver.isEmpty()) {
            absent("no headless browser: " + (browser.isEmpty() ? "chromium" : "chromedriver")
                    + " is not installed (as root: apt-get install chromium chromium-driver)");
        }
        ChromeOptions options = new ChromeOptions()
                .setBinary(browser.get().toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver.get().toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    private static void absent(String reason) {
        if ("1".equals(System.getenv(REQUIRE))) {
            fail(reason + " (and " + REQUIRE + "=1 requires it)");
        }
        System.out.println("[WARNING] the browser test is skipped: " + reason);
        assumeTrue(false, reason + "; the browser test is skipped");
    }

    private static Optional<Path> onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .map(directory -> Path.of(directory, command))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
