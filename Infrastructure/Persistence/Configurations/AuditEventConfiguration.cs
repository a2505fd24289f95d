using TokenVersioning.Domain.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TokenVersioning.Domain.Audit;

namespace TokenVersioning.Infrastructure.Persistence.Configurations;

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        // No foreign key to Users: the audit trail outlives a deleted user.
        builder.ToTable("AuditEvents");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedOnAdd();
        builder.Property(a => a.Event).HasMaxLength(40).IsRequired();
        builder.Property(a => a.Reason).HasMaxLength(AuditEvent.ReasonMaxLength);
        builder.Property(a => a.ActorKind).HasConversion(k => k.ToString().ToLowerInvariant(), s => Enum.Parse<AuditActorKind>(s, true))
            .HasMaxLength(10);
        builder.Property(a => a.From).HasMaxLength(Session.AddressMaxLength);
        builder.HasIndex(a => new { a.ActorId, a.Id });
        builder.HasIndex(a => new { a.UserId, a.Id });
    }
}
