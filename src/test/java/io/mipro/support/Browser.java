package io.mipro.support;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.Function;
import java.util.stream.Stream;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) for the dashboard tests. The
 * binaries are given to Selenium explicitly, so Selenium Manager never tries to download a browser. Without them the
 * tests are skipped with a message saying how to install them, unless {@code MIPRO_REQUIRE_BROWSER=1} (as
 * {@code .ci/run} sets), in which case a missing browser fails.
 */
public final class Browser implements AutoCloseable {

	private static final Path CHROMIUM = Path.of(System.getProperty("mipro.chromium", "/usr/bin/chromium"));

	private static final Path CHROMEDRIVER = Path.of(System.getProperty("mipro.chromedriver", "/usr/bin/chromedriver"));

	private static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private final ChromeDriver driver;

	private final Path profile;

	private final String base;

	private Browser(ChromeDriver driver, Path profile, String base) {
		this.driver = driver;
		this.profile = profile;
		this.base = base;
	}

	/** Starts Chromium with a fresh profile and a window of the given size, pointed at the service on this port. */
	public static Browser start(int port, int width, int height) {
		boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
		String message = "Browser tests need Chromium and ChromeDriver at " + CHROMIUM + " and " + CHROMEDRIVER
				+ " (Debian: apt-get install -y chromium chromium-driver; .ci/run installs them)";
		if (!present && "1".equals(System.getenv("MIPRO_REQUIRE_BROWSER"))) {
			fail(message + "; MIPRO_REQUIRE_BROWSER=1 makes their absence a failure.");
		}
		assumeTrue(present, message + ". Skipped.");
		try {
			Path profile = Files.createTempDirectory("mipro-chromium-");
			ChromeOptions options = new ChromeOptions();
			options.setBinary(CHROMIUM.toFile());
			options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
					"--no-first-run", "--disable-background-networking", "--disable-component-update",
					"--disable-sync", "--hide-scrollbars", "--force-device-scale-factor=1",
					"--window-size=" + width + "," + height, "--user-data-dir=" + profile);
			ChromeDriverService service = new ChromeDriverService.Builder()
				.usingDriverExecutable(CHROMEDRIVER.toFile())
				.usingAnyFreePort()
				.build();
			ChromeDriver driver = new ChromeDriver(service, options);
			driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
			return new Browser(driver, profile, "http://localhost:" + port);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public ChromeDriver driver() {
		return driver;
	}

	/** Opens a dashboard location, e.g. {@code "/#/jobs"}. */
	public void open(String path) {
		driver.get(base + path);
	}

	public <T> T await(Duration timeout, Function<WebDriver, T> condition) {
		// a page that re-renders between finding an element and reading it is not a failure: look again
		return new WebDriverWait(driver, timeout, Duration.ofMillis(100))
			.ignoring(StaleElementReferenceException.class)
			.until(condition);
	}

	/** The text of the element, read again if the page redraws it while we read. */
	public String text(By locator) {
		return await(Duration.ofSeconds(10), d -> d.findElement(locator).getText());
	}

	public Object script(String script, Object... args) {
		return driver.executeScript(script, args);
	}

	/** Saves what the browser shows to {@code target/screenshots/<name>.png} and returns the file. */
	public Path screenshot(String name) {
		try {
			Files.createDirectories(SCREENSHOTS);
			File shot = driver.getScreenshotAs(OutputType.FILE);
			Path target = SCREENSHOTS.resolve(name + ".png");
			Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		try {
			driver.quit();
		}
		finally {
			try (Stream<Path> files = Files.walk(profile)) {
				files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
			}
			catch (IOException ignored) {
				// a temporary profile left behind is harmless
			}
		}
	}

}
