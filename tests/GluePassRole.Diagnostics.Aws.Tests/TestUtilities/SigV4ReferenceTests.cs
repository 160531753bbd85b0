namespace GluePassRole.Diagnostics.Aws.Tests.TestUtilities;

public sealed class SigV4ReferenceTests
{
    // The "get-vanilla" vector of the AWS Signature Version 4 test suite (AWS General Reference, "Signature Version 4 test suite").
    [Fact]
    public void Sign_GetVanillaVector_ReturnsPublishedSignature()
    {
        var signature = SigV4Reference.Sign(
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            "GET",
            "/",
            string.Empty,
            [("Host", "example.amazonaws.com"), ("X-Amz-Date", "20150830T123600Z")],
            ["host", "x-amz-date"],
            [],
            "20150830T123600Z",
            "20150830/us-east-1/service/aws4_request");

        Assert.Equal("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31", signature);
    }
}
