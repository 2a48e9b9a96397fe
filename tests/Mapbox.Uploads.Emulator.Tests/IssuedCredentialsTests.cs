using System;
using System.Linq;
using System.Threading.Tasks;

namespace Mapbox.Uploads.Emulator.Tests;

public class IssuedCredentialsTests
{
    [Fact]
    public async Task Issued_credentials_text_names_the_object_but_not_the_secret_or_the_session_token()
    {
        await using var session = await EmulatorSession.StartAsync();
        await session.RequestCredentialsAsync();

        var issued = session.Emulator.IssuedCredentials.Single();
        var text = issued.ToString();

        Assert.Contains(issued.Key, text, StringComparison.Ordinal);
        Assert.Contains(issued.AccessKeyId, text, StringComparison.Ordinal);
        Assert.DoesNotContain(issued.SecretAccessKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain(issued.SessionToken, text, StringComparison.Ordinal);
    }
}
