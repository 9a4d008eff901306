package dev.warroom.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nu.validator.validation.SimpleDocumentValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXParseException;

/** Every page of the site is valid HTML under the Nu Html Checker. */
@org.junit.jupiter.api.Tag("slow")
class HtmlValidationTest {
    @TempDir
    Path tmp;

    @Test
    void everyPageIsValid() throws Exception {
        assertThat(errors(SiteFixture.build(tmp))).isEmpty();
    }

    @Test
    void theDrillWithDecisionsAndDashboardsIsValid() throws Exception {
        assertThat(errors(DrillFixture.build(tmp.resolve("drill")))).isEmpty();
    }

    /** The Nu Html Checker's errors over every page of the site, as page:line:column: message. */
    static List<String> errors(Path site) throws Exception {
        List<String> errors = new ArrayList<>();
        for (Path page : SiteFiles.pages(site)) {
            String name = site.relativize(page).toString();
            ErrorHandler h = new ErrorHandler() {
                @Override
                public void warning(SAXParseException e) {
                }

                @Override
                public void error(SAXParseException e) {
                    errors.add(name + ":" + e.getLineNumber() + ":" + e.getColumnNumber() + ": " + e.getMessage());
                }

                @Override
                public void fatalError(SAXParseException e) {
                    error(e);
                }
            };
            SimpleDocumentValidator v = new SimpleDocumentValidator(true, false, false);
            v.setUpMainSchema("http://s.validator.nu/html5-rdfalite.rnc", h);
            v.setUpValidatorAndParsers(h, true, false);
            v.checkHtmlFile(page.toFile(), true);
        }
        return errors;
    }
}
