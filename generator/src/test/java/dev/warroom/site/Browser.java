package dev.warroom.site;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/** One headless Chromium (Debian's chromium + chromium-driver) with console and network logs. */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of(System.getProperty("warroom.chromium", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getProperty("warroom.chromedriver", "/usr/bin/chromedriver"));

    final ChromeDriver driver;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    /** Starts Chromium, or skips the test class when it is not installed. */
    static Browser start() {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "headless Chromium tests need " + CHROMIUM + " and " + DRIVER + " (apt-get install chromium chromium-driver)");
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM.toFile());
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,900", "--mute-audio", "--autoplay-policy=no-user-gesture-required",
                "--disable-background-networking", "--no-first-run", "--disable-extensions");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        o.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        return new Browser(new ChromeDriver(service, o));
    }

    /** Console messages at SEVERE since the last call. */
    List<String> consoleErrors() {
        List<String> out = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() >= Level.SEVERE.intValue()) {
                out.add(e.getMessage());
            }
        }
        return out;
    }

    /** URLs of every request since the last call, from the performance log. */
    @SuppressWarnings("unchecked")
    List<String> requests() {
        List<String> out = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.PERFORMANCE)) {
            Map<String, Object> m = new org.openqa.selenium.json.Json().toType(e.getMessage(), Map.class);
            Map<String, Object> msg = (Map<String, Object>) m.get("message");
            if ("Network.requestWillBeSent".equals(msg.get("method"))) {
                Map<String, Object> params = (Map<String, Object>) msg.get("params");
                out.add(String.valueOf(((Map<String, Object>) params.get("request")).get("url")));
            }
        }
        return out;
    }

    void drainLogs() {
        consoleErrors();
        requests();
    }

    Object js(String script, Object... args) {
        return driver.executeScript(script, args);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
