using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TokenVersioning.Domain.Revocation;

namespace TokenVersioning.Infrastructure.Persistence.Configurations;

internal sealed class RevocationLogEntryConfiguration : IEntityTypeConfiguration<RevocationLogEntry>
{
    public void Configure(EntityTypeBuilder<RevocationLogEntry> builder)
    {
        // No foreign key to Users: the entry for a deleted user is what tells the other nodes.
        builder.ToTable("RevocationLog");
        builder.HasKey(e => e.Sequence);
        builder.Property(e => e.Sequence).ValueGeneratedOnAdd();
        builder.Property(e => e.Event).HasMaxLength(40).IsRequired();
        builder.HasIndex(e => e.At);
    }
}
