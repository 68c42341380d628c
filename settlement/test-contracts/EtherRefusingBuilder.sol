// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

interface IEscrow {
    function deposit() external payable;
    function requestWithdrawal(uint256 amount) external;
    function withdraw() external;
}

/// @notice Test builder that cannot receive ether: its withdrawals must fail loudly, not vanish.
contract EtherRefusingBuilder {
    function depositTo(IEscrow escrow) external payable {
        escrow.deposit{value: msg.value}();
    }

    function requestFrom(IEscrow escrow, uint256 amount) external {
        escrow.requestWithdrawal(amount);
    }

    function withdrawFrom(IEscrow escrow) external {
        escrow.withdraw();
    }
}
