using TokenVersioning.Api.Tests.Support;

namespace TokenVersioning.Api.Tests.Cluster;

/// <summary>A user signed in through one node whose token both nodes of a test have served.</summary>
public sealed record SignedIn(Account Account, Tokens Tokens);
