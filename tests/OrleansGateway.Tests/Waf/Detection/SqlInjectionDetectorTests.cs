using OrleansGateway.Edge.DataPlane.Waf.Detection;

namespace OrleansGateway.Tests.Waf.Detection;

public sealed class SqlInjectionDetectorTests
{
    [Theory]
    [InlineData("1' OR '1'='1")]
    [InlineData("admin'--")]
    [InlineData("admin' #")]
    [InlineData("1 OR 1=1")]
    [InlineData("1) OR (1=1")]
    [InlineData("-1 UNION SELECT 1,2,concat(user,0x3a,password) FROM mysql.user--")]
    [InlineData("1 uNiOn/**/aLl/**/sElEcT null,null--")]
    [InlineData("1'; DROP TABLE users; --")]
    [InlineData("1; EXEC xp_cmdshell('dir')")]
    [InlineData("1 AND SLEEP(5)")]
    [InlineData("1' AND BENCHMARK(5000000,MD5(1))#")]
    [InlineData("1); WAITFOR DELAY '0:0:5'--")]
    [InlineData("1\" and 6406=6406 and \"a\"=\"a")]
    [InlineData("iif(1539=1539,1539,1/0)")]
    [InlineData("1 /*!50000union*/ select 1")]
    [InlineData("x' AND extractvalue(1,concat(0x7e,version()))--")]
    [InlineData("-7277))) ORDER BY 1#")]
    [InlineData("' or ''='")]
    [InlineData("SELECT * FROM information_schema.tables")]
    public void Detects_sql_injection(string value) =>
        Assert.True(SqlInjectionDetector.IsSqlInjection(value, highSensitivity: false), value);

    [Theory]
    [InlineData("O'Brien")]
    [InlineData("select a plan")]
    [InlineData("1 - 2")]
    [InlineData("Rock 'n' Roll")]
    [InlineData("don't or won't")]
    [InlineData("7 and a half")]
    [InlineData("80% cotton and 20% wool")]
    [InlineData("necklace length 16\" or 18\"")]
    [InlineData("1950' and 60's women's coats")]
    [InlineData("Tom & Jerry")]
    [InlineData("user(s) guide")]
    [InlineData("order by price")]
    [InlineData("https://example.com/search?q=shoes&page=2")]
    [InlineData("{\"name\":\"widget\",\"price\":12.5}")]
    [InlineData("")]
    public void Leaves_ordinary_text_alone(string value) =>
        Assert.False(SqlInjectionDetector.IsSqlInjection(value, highSensitivity: false), value);

    [Fact]
    public void Lower_case_input_is_judged_the_same_as_mixed_case() =>
        Assert.True(SqlInjectionDetector.IsSqlInjection("-1 union select 1,2--", highSensitivity: false));

    [Fact]
    public void High_sensitivity_also_flags_a_bare_number_comparison_switch() =>
        Assert.True(SqlInjectionDetector.IsSqlInjection("1 and 1", highSensitivity: true));

    [Fact]
    public void A_value_longer_than_the_stack_token_buffer_is_still_judged()
    {
        var value = string.Concat(Enumerable.Repeat("a, ", 400)) + "1 union select password from users--";
        Assert.True(SqlInjectionDetector.IsSqlInjection(value, highSensitivity: false));
    }
}
