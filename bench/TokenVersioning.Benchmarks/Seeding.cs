namespace TokenVersioning.Benchmarks;

/// <summary>
/// <c>seed DB USERS OUTDIR</c>: creates and migrates a SQLite database at DB with USERS users, and writes one
/// access token per user for the service (ours.txt) and for the stateless baselines (baseline.txt), plus the
/// master-key settings the service must run with (service.env).
/// </summary>
public static class Seeding
{
    public static async Task<int> RunAsync(string[] args)
    {
        var (database, users, outDir) = (Path.GetFullPath(args[0]), int.Parse(args[1]), args[2]);
        Directory.CreateDirectory(outDir);
        await using var host = await BenchHost.StartAsync("Sqlite", keepSqliteFile: database);
        var ids = await host.SeedUsersAsync(users);
        var ours = new List<string>(users);
        foreach (var id in ids) ours.Add(await host.IssueAsync(id));
        await File.WriteAllLinesAsync(Path.Combine(outDir, "ours.txt"), ours);
        await File.WriteAllLinesAsync(Path.Combine(outDir, "baseline.txt"), ids.Select(id => StatelessClaims.Issue(id)));
        await File.WriteAllLinesAsync(Path.Combine(outDir, "service.env"),
        [
            $"Tokens__SigningKeys__0__Id={BenchHost.KeyId}",
            $"Tokens__SigningKeys__0__Secret={Convert.ToBase64String(BenchHost.MasterKey)}",
            $"Tokens__AccessTokenLifetime=02:00:00",
            $"Tokens__Issuer={BenchHost.Issuer}",
        ]);
        Console.WriteLine($"seeded {users:N0} users into {database}; tokens in {outDir}");
        return 0;
    }
}
