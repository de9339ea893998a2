package io.github.rocketmqws.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PermissionsTest {
    @ParameterizedTest(name = "{0} ~ {1} -> {2}")
    @CsvSource({
        "orders, orders, true",
        "orders, orders-eu, false",
        "orders-*, orders-eu, true",
        "orders-*, orders-, true",
        "orders-*, orders, false",
        "*-audit, billing-audit, true",
        "a*b*c, a-x-b-y-c, true",
        "a*b*c, a-x-c, false",
        "*, anything, true",
        "or.ers, orders, false",
        "%RETRY%*, %RETRY%group, true"
    })
    void patternsMatchWholeNamesWithStarAsTheOnlyWildcard(String pattern, String name, boolean matches) {
        assertThat(NamePattern.of(pattern).matches(name)).isEqualTo(matches);
    }
}
